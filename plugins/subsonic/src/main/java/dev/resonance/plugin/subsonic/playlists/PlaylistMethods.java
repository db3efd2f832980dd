package dev.resonance.plugin.subsonic.playlists;

import dev.resonance.api.client.ClientPlaylists;
import dev.resonance.api.client.ClientPlaylists.Playlist;
import dev.resonance.api.client.ClientPlaylists.PlaylistSongs;
import dev.resonance.plugin.subsonic.items.Ids;
import dev.resonance.plugin.subsonic.items.Items;
import dev.resonance.plugin.subsonic.protocol.ApiError;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.ErrorCode;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Params;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The user's playlists, which are the web app's: {@code getPlaylists} (own, then other users' public ones; another
 * user's list by {@code username} is not offered: error 50), {@code getPlaylist}, {@code createPlaylist} (a new one by
 * {@code name}, or the songs of {@code playlistId} replaced), {@code updatePlaylist} (name, comment, public, songs
 * removed by index and then added) and {@code deletePlaylist}. Playlist ids are {@code pl-<id>}.
 */
public final class PlaylistMethods implements MethodGroup {

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("getPlaylists", PlaylistMethods::getPlaylists),
            Method.signedIn("getPlaylist", PlaylistMethods::getPlaylist),
            Method.signedIn("createPlaylist", PlaylistMethods::createPlaylist),
            Method.signedIn("updatePlaylist", PlaylistMethods::updatePlaylist),
            Method.signedIn("deletePlaylist", PlaylistMethods::deletePlaylist));
    }

    private static Reply getPlaylists(Call call) {
        Optional<String> username = call.params().first("username");
        if (username.isPresent() && !username.get().equalsIgnoreCase(call.user().caller().username())) {
            throw new ApiError(ErrorCode.NOT_AUTHORIZED, "Not authorized: only your own playlists are listed here");
        }
        return Reply.of(Node.of("playlists").list("playlist", call.user().playlists().playlists().stream()
            .map(p -> playlist("playlist", p)).toList()));
    }

    private static Reply getPlaylist(Call call) {
        long id = Ids.required(call.params(), "id", Ids.Kind.PLAYLIST, "Playlist");
        PlaylistSongs found = call.user().playlists().playlist(id)
            .orElseThrow(() -> ApiError.notFound("Playlist not found: " + Ids.playlist(id)));
        return Reply.of(withSongs(found));
    }

    private static Reply createPlaylist(Call call) {
        Params params = call.params();
        List<Long> songs = songs(params, "songId");
        ClientPlaylists playlists = call.user().playlists();
        PlaylistSongs result;
        if (params.has("playlistId")) {
            result = playlists.replaceSongs(Ids.required(params, "playlistId", Ids.Kind.PLAYLIST, "Playlist"), songs);
        } else {
            result = playlists.create(params.required("name"), songs);
        }
        return Reply.of(withSongs(result));
    }

    private static Reply updatePlaylist(Call call) {
        Params params = call.params();
        long id = Ids.required(params, "playlistId", Ids.Kind.PLAYLIST, "Playlist");
        List<Integer> remove = new ArrayList<>();
        for (String index : params.all("songIndexToRemove")) {
            try {
                remove.add(Integer.parseInt(index.strip()));
            } catch (NumberFormatException e) {
                throw ApiError.invalid("songIndexToRemove", index, "a whole number");
            }
        }
        Optional<Boolean> isPublic = params.first("public").map(p -> p.strip().equalsIgnoreCase("true"));
        call.user().playlists().update(id, params.first("name"), params.first("comment"), isPublic, songs(params, "songIdToAdd"),
            remove);
        return Reply.empty();
    }

    private static Reply deletePlaylist(Call call) {
        call.user().playlists().delete(Ids.required(call.params(), "id", Ids.Kind.PLAYLIST, "Playlist"));
        return Reply.empty();
    }

    private static List<Long> songs(Params params, String name) {
        List<Long> songs = new ArrayList<>();
        for (String id : params.all(name)) {
            songs.add(Ids.parse(id).filter(i -> i.kind() == Ids.Kind.SONG).map(Ids.Id::id)
                .orElseThrow(() -> ApiError.notFound("Song not found: " + id)));
        }
        return songs;
    }

    private static Node withSongs(PlaylistSongs found) {
        return playlist("playlist", found.playlist()).list("entry", found.songs().stream().map(s -> Items.song("entry", s)).toList());
    }

    /** A playlist as the API's {@code Playlist}. */
    static Node playlist(String element, Playlist p) {
        return Node.of(element).attr("id", Ids.playlist(p.id())).attr("name", p.name())
            .attrIfNotEmpty("comment", p.comment())
            .attr("owner", p.owner())
            .attr("public", p.isPublic())
            .attr("songCount", p.songCount())
            .attr("duration", Items.seconds(p.durationMs()))
            .attr("created", p.created())
            .attr("changed", p.changed())
            .attr("coverArt", p.coverImageId().map(Ids::image))
            // OpenSubsonic
            .attr("readonly", !p.editable());
    }
}
