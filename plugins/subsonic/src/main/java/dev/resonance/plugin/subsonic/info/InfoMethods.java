package dev.resonance.plugin.subsonic.info;

import dev.resonance.api.client.Album;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.Song;
import dev.resonance.plugin.subsonic.items.Ids;
import dev.resonance.plugin.subsonic.items.Items;
import dev.resonance.plugin.subsonic.protocol.ApiError;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code getSimilarSongs}/{@code getSimilarSongs2}: songs like a song, an album's songs or an artist's top songs, as the
 * server's recommender plugins suggest them (none enabled: an empty list); {@code getArtistInfo}/{@code getArtistInfo2}
 * and {@code getAlbumInfo}/{@code getAlbumInfo2}: what the catalog knows — the MusicBrainz id (biographies, notes and
 * images from metadata plugins are not offered to client plugins yet).
 */
public final class InfoMethods implements MethodGroup {

    /** How many of an album's or an artist's songs seed the suggestions. */
    static final int SEEDS = 10;

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("getSimilarSongs", call -> similar(call, "similarSongs")),
            Method.signedIn("getSimilarSongs2", call -> similar(call, "similarSongs2")),
            Method.signedIn("getArtistInfo", call -> artistInfo(call, "artistInfo")),
            Method.signedIn("getArtistInfo2", call -> artistInfo(call, "artistInfo2")),
            Method.signedIn("getAlbumInfo", call -> albumInfo(call, "albumInfo")),
            Method.signedIn("getAlbumInfo2", call -> albumInfo(call, "albumInfo")));
    }

    private static Reply similar(Call call, String element) {
        String text = call.params().required("id");
        int count = call.params().count("count", 50, ClientCatalog.MAX_LIST);
        ClientCatalog catalog = call.catalog();
        Ids.Id id = Ids.parse(text).orElseThrow(() -> ApiError.notFound("Item not found: " + text));
        List<Long> seeds = new ArrayList<>();
        switch (id.kind()) {
            case SONG -> catalog.song(id.id()).ifPresent(s -> seeds.add(s.id()));
            case ALBUM -> catalog.album(id.id()).ifPresent(a -> a.songs().stream().limit(SEEDS).forEach(s -> seeds.add(s.id())));
            case ARTIST -> catalog.artist(id.id()).ifPresent(a -> {
                catalog.topSongs(a.artist().name(), SEEDS).forEach(s -> seeds.add(s.id()));
                for (Album album : a.albums()) {
                    if (seeds.size() >= SEEDS) {
                        break;
                    }
                    catalog.album(album.id()).ifPresent(found -> found.songs().stream().limit(SEEDS - seeds.size())
                        .forEach(s -> seeds.add(s.id())));
                }
            });
            default -> {
            }
        }
        if (seeds.isEmpty()) {
            throw ApiError.notFound("Item not found: " + text);
        }
        List<Song> songs = catalog.similarSongs(seeds.stream().distinct().toList(), count);
        return Reply.of(Node.of(element).list("song", songs.stream().map(s -> Items.song("song", s)).toList()));
    }

    private static Reply artistInfo(Call call, String element) {
        long id = Ids.required(call.params(), "id", Ids.Kind.ARTIST, "Artist");
        ClientCatalog.ArtistAlbums artist = call.catalog().artist(id)
            .orElseThrow(() -> ApiError.notFound("Artist not found: " + Ids.artist(id)));
        return Reply.of(info(element, artist.artist().mbid()));
    }

    private static Reply albumInfo(Call call, String element) {
        long id = Ids.required(call.params(), "id", Ids.Kind.ALBUM, "Album");
        ClientCatalog.AlbumSongs album = call.catalog().album(id)
            .orElseThrow(() -> ApiError.notFound("Album not found: " + Ids.album(id)));
        return Reply.of(info(element, album.album().mbid()));
    }

    private static Node info(String element, Optional<UUID> mbid) {
        Node node = Node.of(element);
        mbid.ifPresent(m -> node.value("musicBrainzId", m.toString()));
        return node;
    }
}
