package dev.resonance.plugin.subsonic.browsing;

import dev.resonance.api.client.Album;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ClientCatalog.AlbumSongs;
import dev.resonance.api.client.ClientCatalog.ArtistAlbums;
import dev.resonance.plugin.subsonic.items.Ids;
import dev.resonance.plugin.subsonic.items.Items;
import dev.resonance.plugin.subsonic.protocol.ApiError;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.Extension;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.List;

/**
 * Browsing: music folders (the user's libraries), the artist index in both views ({@code getIndexes},
 * {@code getArtists}), artists, albums and songs by id, folder-view directories ({@code ar-} an artist's albums,
 * {@code al-} an album's songs), genres and an artist's top songs.
 *
 * <p>{@code getIndexes} answers {@code lastModified} 0 and ignores {@code ifModifiedSince} (always the full index):
 * core-api does not say when the catalog last changed. {@code getTopSongs} takes the artist's name, or its {@code id}
 * (the {@code topSongsByArtistId} extension).
 */
public final class BrowsingMethods implements MethodGroup {

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("getMusicFolders", BrowsingMethods::musicFolders),
            Method.signedIn("getIndexes", BrowsingMethods::indexes),
            Method.signedIn("getArtists", BrowsingMethods::artists),
            Method.signedIn("getArtist", BrowsingMethods::artist),
            Method.signedIn("getAlbum", BrowsingMethods::album),
            Method.signedIn("getSong", BrowsingMethods::song),
            Method.signedIn("getMusicDirectory", BrowsingMethods::directory),
            Method.signedIn("getGenres", BrowsingMethods::genres),
            Method.signedIn("getTopSongs", BrowsingMethods::topSongs));
    }

    @Override
    public List<Extension> extensions() {
        return List.of(new Extension("topSongsByArtistId", List.of(1)));
    }

    private static Reply musicFolders(Call call) {
        return Reply.of(Node.of("musicFolders").list("musicFolder", call.catalog().libraries().stream()
            .map(l -> Node.of("musicFolder").attr("id", l.id()).attr("name", l.name())).toList()));
    }

    private static Reply indexes(Call call) {
        return Reply.of(Node.of("indexes").attr("lastModified", 0L)
            .attr("ignoredArticles", ArtistIndex.IGNORED_ARTICLES)
            .list("index", ArtistIndex.group(call.catalog().albumArtists(Ids.musicFolder(call.params())),
                a -> Items.artist("artist", a))));
    }

    private static Reply artists(Call call) {
        return Reply.of(Node.of("artists").attr("ignoredArticles", ArtistIndex.IGNORED_ARTICLES)
            .list("index", ArtistIndex.group(call.catalog().albumArtists(Ids.musicFolder(call.params())),
                a -> Items.artistId3("artist", a))));
    }

    private static Reply artist(Call call) {
        long id = Ids.required(call.params(), "id", Ids.Kind.ARTIST, "Artist");
        ArtistAlbums found = call.catalog().artist(id).orElseThrow(() -> ApiError.notFound("Artist not found"));
        return Reply.of(Items.artistId3("artist", found.artist())
            .requiredList("album", found.albums().stream().map(a -> Items.albumId3("album", a)).toList()));
    }

    private static Reply album(Call call) {
        long id = Ids.required(call.params(), "id", Ids.Kind.ALBUM, "Album");
        AlbumSongs found = call.catalog().album(id).orElseThrow(() -> ApiError.notFound("Album not found"));
        return Reply.of(Items.albumId3("album", found.album())
            .requiredList("song", found.songs().stream().map(s -> Items.song("song", s)).toList()));
    }

    private static Reply song(Call call) {
        long id = Ids.required(call.params(), "id", Ids.Kind.SONG, "Song");
        return Reply.of(Items.song("song", call.catalog().song(id)
            .orElseThrow(() -> ApiError.notFound("Song not found"))));
    }

    private static Reply directory(Call call) {
        String text = call.params().required("id");
        Ids.Id id = Ids.parse(text).orElseThrow(() -> ApiError.notFound("Directory not found"));
        ClientCatalog catalog = call.catalog();
        switch (id.kind()) {
            case ARTIST: {
                ArtistAlbums found = catalog.artist(id.id()).orElseThrow(() -> ApiError.notFound("Artist not found"));
                return Reply.of(Node.of("directory").attr("id", text).attr("name", found.artist().name())
                    .attr("starred", found.artist().marks().liked())
                    .attr("userRating", found.artist().marks().rating())
                    .attr("playCount", found.artist().marks().plays())
                    .list("child", found.albums().stream().map(a -> Items.albumDirectory("child", a)).toList()));
            }
            case ALBUM: {
                AlbumSongs found = catalog.album(id.id()).orElseThrow(() -> ApiError.notFound("Album not found"));
                Album album = found.album();
                Node directory = Node.of("directory").attr("id", text);
                album.artists().stream().findFirst().ifPresent(a -> directory.attr("parent", Ids.artist(a.id())));
                return Reply.of(directory.attr("name", album.title())
                    .attr("starred", album.marks().liked())
                    .attr("userRating", album.marks().rating())
                    .attr("playCount", album.marks().plays())
                    .list("child", found.songs().stream().map(s -> Items.song("child", s)).toList()));
            }
            default:
                throw ApiError.notFound("Directory not found");
        }
    }

    private static Reply genres(Call call) {
        return Reply.of(Node.of("genres").list("genre", call.catalog().genres().stream()
            .map(g -> Node.of("genre").text(g.name()).attr("songCount", Items.count(g.songCount()))
                .attr("albumCount", Items.count(g.albumCount()))).toList()));
    }

    private static Reply topSongs(Call call) {
        // id (topSongsByArtistId) goes before the name: the artist's own name, which names that artist alone
        String artist = call.params().has("id")
            ? call.catalog().artist(Ids.required(call.params(), "id", Ids.Kind.ARTIST, "Artist")).map(a -> a.artist().name())
                .orElseThrow(() -> ApiError.notFound("Artist not found: " + call.params().required("id")))
            : call.params().required("artist");
        int count = call.params().count("count", 50, ClientCatalog.MAX_LIST);
        return Reply.of(Node.of("topSongs").list("song", call.catalog().topSongs(artist, count).stream()
            .map(s -> Items.song("song", s)).toList()));
    }
}
