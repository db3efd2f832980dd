package dev.resonance.impl.playlists;

import dev.resonance.impl.graphql.GraphCall;
import dev.resonance.impl.graphql.GraphPart;
import dev.resonance.impl.graphql.GraphValues;
import dev.resonance.impl.graphql.GraphWiring;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Playlists in GraphQL ({@code core.playlists}): the operations of {@code /api/v1/user/playlists} through the same
 * {@link PlaylistsService} and {@link PlaylistSharing} calls, each root field admitting who the REST operation admits.
 * A playlist opened by id carries its collaborators and entries; a playlist reached another way (a list, a mutation's
 * answer) reads them when asked, admitted as the REST reads are. Entries are what the service gives (the fields a
 * track list shows); the track itself is {@code Query.track(id: trackId)}. Cover upload and M3U8 import/export are
 * binary bodies: REST only.
 */
public final class PlaylistsGraph implements GraphPart {

    private static final Class<?> REST = PlaylistsResource.class;

    private final PlaylistsService playlists;
    private final PlaylistSharing sharing;

    public PlaylistsGraph(PlaylistsService playlists, PlaylistSharing sharing) {
        this.playlists = playlists;
        this.sharing = sharing;
    }

    @Override
    public String name() {
        return "core.playlists";
    }

    @Override
    public String schema() {
        return GraphPart.resource(PlaylistsGraph.class, "playlists.graphqls");
    }

    @Override
    public void wire(GraphWiring w) {
        // ---- reads
        w.query("playlists", GraphWiring.rest(REST, "list"), c -> GraphValues.page(playlists.list(c.caller(),
                c.<String>optional("scope").orElse("MINE").toLowerCase(Locale.ROOT), c.optional("after"), c.limit(100))));
        w.query("playlist", GraphWiring.rest(REST, "get"), c -> detail(playlists.get(c.caller(), c.id("id"))));
        w.query("playlistEntries", GraphWiring.rest(REST, "entries"), c -> GraphValues.map(playlists.entries(c.caller(), c.id("id"),
                c.optional("after"), c.limit(500))));
        w.query("playlistCollaborators", GraphWiring.rest(REST, "collaborators"),
                c -> sharing(sharing.collaborators(c.caller(), c.id("id"))));
        w.query("playlistInvites", GraphWiring.rest(REST, "invites"), c -> GraphValues.maps(sharing.invites(c.caller(), c.id("id"))));

        // ---- the playlist
        w.mutation("createPlaylist", GraphWiring.rest(REST, "create"), c -> GraphValues.map(playlists.create(c.caller(),
                new PlaylistRequests.Create(c.arg("name"), c.optional("description"), c.optional("public"), c.optional("collaborative"),
                        Optional.ofNullable(c.ids("trackIds"))))));
        w.mutation("updatePlaylist", GraphWiring.rest(REST, "update"), c -> GraphValues.map(playlists.update(c.caller(), c.id("id"),
                new PlaylistRequests.Patch(c.optional("name"), c.optional("description"), c.optional("public"), c.optional("collaborative"),
                        c.optional("expectedVersion")))));
        w.mutation("deletePlaylist", GraphWiring.rest(REST, "delete"), c -> {
            playlists.delete(c.caller(), c.id("id"));
            return true;
        });
        w.mutation("deletePlaylistCover", GraphWiring.rest(REST, "deleteCover"),
                c -> GraphValues.map(playlists.deleteCover(c.caller(), c.id("id"))));

        // ---- the entries
        w.mutation("addPlaylistEntries", GraphWiring.rest(REST, "add"), c -> GraphValues.map(playlists.add(c.caller(), c.id("id"),
                new PlaylistRequests.AddEntries(c.ids("trackIds"), c.optionalId("after"), at(c), c.optional("expectedVersion")))));
        w.mutation("movePlaylistEntries", GraphWiring.rest(REST, "move"), c -> GraphValues.map(playlists.move(c.caller(), c.id("id"),
                new PlaylistRequests.MoveEntries(c.ids("entryIds"), c.optionalId("after"), at(c), c.optional("expectedVersion")))));
        w.mutation("removePlaylistEntries", GraphWiring.rest(REST, "remove"), c -> GraphValues.map(playlists.remove(c.caller(), c.id("id"),
                new PlaylistRequests.RemoveEntries(c.ids("entryIds"), c.optional("expectedVersion")))));

        // ---- sharing
        w.mutation("addPlaylistCollaborator", GraphWiring.rest(REST, "addCollaborator"),
                c -> sharing(sharing.add(c.caller(), c.id("id"), c.arg("username"))));
        w.mutation("removePlaylistCollaborator", GraphWiring.rest(REST, "removeCollaborator"),
                c -> sharing(sharing.remove(c.caller(), c.id("id"), c.id("userId"))));
        w.mutation("createPlaylistInvite", GraphWiring.rest(REST, "invite"),
                c -> GraphValues.map(sharing.invite(c.caller(), c.id("id"), c.optional("expiresInHours"))));
        w.mutation("revokePlaylistInvite", GraphWiring.rest(REST, "revokeInvite"), c -> {
            sharing.revoke(c.caller(), c.id("id"), c.id("inviteId"));
            return true;
        });
        w.mutation("joinPlaylist", GraphWiring.rest(REST, "join"), c -> sharing(sharing.join(c.caller(), c.arg("token"))));

        // ---- a playlist not opened by id: its collaborators and entries when asked, admitted as the REST reads are
        w.field("Playlist", "collaborators", GraphWiring.rest(REST, "collaborators"), c -> {
            Map<String, Object> source = c.source();
            Object collaborators = source.get("collaborators");
            return collaborators != null ? collaborators
                    : GraphValues.maps(sharing.collaborators(c.caller(), id(source)).collaborators());
        });
        w.field("Playlist", "entries", GraphWiring.rest(REST, "get"), c -> {
            Map<String, Object> source = c.source();
            Object entries = source.get("entries");
            return entries != null ? entries : GraphValues.maps(playlists.get(c.caller(), id(source)).entries());
        });
    }

    /** {@code at} as REST spells it ({@code start}, {@code end}). */
    private static Optional<String> at(GraphCall c) {
        return c.<String>optional("at").map(at -> at.toLowerCase(Locale.ROOT));
    }

    private static long id(Map<String, Object> playlist) {
        return ((Number) playlist.get("id")).longValue();
    }

    /** A playlist opened by id: the summary's fields with its collaborators and entries. */
    static Map<String, Object> detail(PlaylistViews.Detail detail) {
        Map<String, Object> playlist = GraphValues.map(detail.playlist());
        playlist.put("collaborators", GraphValues.maps(detail.collaborators()));
        playlist.put("entries", GraphValues.maps(detail.entries()));
        return playlist;
    }

    /** {@code {playlist, collaborators}}, the playlist carrying the collaborators too (a collaborator who left reads no more). */
    static Map<String, Object> sharing(PlaylistViews.Sharing sharing) {
        List<Map<String, Object>> collaborators = GraphValues.maps(sharing.collaborators());
        Map<String, Object> playlist = GraphValues.map(sharing.playlist());
        playlist.put("collaborators", collaborators);
        return Map.of("playlist", playlist, "collaborators", collaborators);
    }
}
