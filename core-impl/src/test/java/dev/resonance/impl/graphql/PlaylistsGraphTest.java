package dev.resonance.impl.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Permission;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Playlists through GraphQL over the real PostgreSQL: every query and mutation, read back through REST (the same
 * values, the same order), the access rules of the REST operations, and errors in the GraphQL shape.
 */
class PlaylistsGraphTest {

    private static final String SUMMARY = "id name description public collaborative owner { id username } coverImageId mosaic"
            + " trackCount durationMs version createdAt updatedAt";
    private static final String ENTRY = "entryId trackId title artist albumId album coverImageId durationMs addedBy { id username } addedAt";
    private static final String EDIT = "playlistId version entries { entryId trackId addedBy addedAt } removed after anchorMissing trackCount durationMs";
    private static final String SHARING = "playlist { id version collaborators { id username } } collaborators { id username since }";

    private static ApiHarness api;
    private static String ada;
    private static String bob;
    private static long bobId;
    private static final Map<String, Long> TRACKS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.createUser("ada", "ada-password", "regular");
        bobId = api.createUser("bob", "bob-password", "regular");
        ada = api.accessToken("ada", "ada-password", "ada-browser");
        bob = api.accessToken("bob", "bob-password", "bob-browser");
        for (int t = 1; t <= 4; t++) {
            PropertiesTagReader.write(api.musicRoot.resolve("Band/Kiwi/" + t + ".mp3"), "title", "Kiwi " + t, "artist", "Band",
                    "album", "Kiwi", "albumartist", "Band", "track", Integer.toString(t), "duration", Integer.toString(60_000 * t));
        }
        api.scanMusic();
        api.db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, title FROM tracks"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TRACKS.put(rs.getString(2), rs.getLong(1));
                }
            }
            return null;
        });
        assertThat(TRACKS).hasSize(4);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String track(int n) {
        return Long.toString(TRACKS.get("Kiwi " + n));
    }

    /** Runs {@code query} and returns {@code data.<field>}, failing on any error. */
    private static JsonNode ok(String token, String field, String query, Map<String, Object> variables) {
        JsonNode answer = api.graphql(token, query, variables);
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.path("data").path(field);
    }

    /** Runs {@code query}, expecting {@code data.<field>} null and one error on it with this status and code. */
    private static JsonNode refused(String token, String field, String query, Map<String, Object> variables, int status, String code) {
        JsonNode answer = api.graphql(token, query, variables);
        assertThat(answer.path("data").path(field).isNull()).as(answer.toString()).isTrue();
        JsonNode error = answer.path("errors").get(0);
        assertThat(error).as(answer.toString()).isNotNull();
        assertThat(error.path("path").get(0).asText()).isEqualTo(field);
        assertThat(error.path("extensions").path("status").asInt()).as(answer.toString()).isEqualTo(status);
        assertThat(error.path("extensions").path("code").asText()).as(answer.toString()).isEqualTo(code);
        return answer;
    }

    private static JsonNode rest(String path, String token) {
        ApiHarness.Answer answer = api.get(path, token);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static String create(String token, String name, List<String> trackIds) {
        return ok(token, "createPlaylist", "mutation($name: String!, $tracks: [ID!]) { createPlaylist(name: $name, trackIds: $tracks) { id } }",
                Map.of("name", name, "tracks", trackIds)).path("id").asText();
    }

    private static JsonNode playlist(String token, String id) {
        return ok(token, "playlist", "query($id: ID!) { playlist(id: $id) { " + SUMMARY + " collaborators { id username since } entries { "
                + ENTRY + " } } }", Map.of("id", id));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }

    /**
     * Every field GraphQL gave has the value REST gave under the same name (an ID is REST's number as text; GraphQL
     * gives no field REST lacks).
     */
    private static void sameValues(JsonNode graph, JsonNode rest, String where) {
        if (graph.isObject()) {
            assertThat(rest.isObject()).as(where).isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> fields = graph.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertThat(rest.has(field.getKey())).as(where + "." + field.getKey() + " is in REST's answer").isTrue();
                sameValues(field.getValue(), rest.get(field.getKey()), where + "." + field.getKey());
            }
        } else if (graph.isArray()) {
            assertThat(rest.isArray()).as(where).isTrue();
            assertThat(graph.size()).as(where).isEqualTo(rest.size());
            for (int i = 0; i < graph.size(); i++) {
                sameValues(graph.get(i), rest.get(i), where + "[" + i + "]");
            }
        } else {
            assertThat(graph.isNull()).as(where).isEqualTo(rest.isNull());
            assertThat(graph.asText()).as(where).isEqualTo(rest.asText());
        }
    }

    @Test
    void entriesCreatedAddedMovedAndRemovedThroughGraphQlReadBackThroughRestInTheSameOrder() {
        String id = ok(ada, "createPlaylist", "mutation($tracks: [ID!]) { createPlaylist(name: \" Road \", description: \"d\", public: false,"
                + " trackIds: $tracks) { " + SUMMARY + " entries { trackId } } }", Map.of("tracks", List.of(track(1), track(2))))
                .path("id").asText();
        JsonNode created = playlist(ada, id);
        assertThat(texts(ok(ada, "updatePlaylist", "mutation($id: ID!) { updatePlaylist(id: $id) { entries { trackId } } }", Map.of("id", id))
                .path("entries"), "trackId")).as("a playlist a mutation gave reads its entries").containsExactly(track(1), track(2));
        assertThat(created.path("name").asText()).isEqualTo("Road");
        assertThat(created.path("version").asLong()).isEqualTo(1);
        assertThat(created.path("durationMs").asLong()).isEqualTo(60_000 + 120_000);
        List<String> first = texts(created.path("entries"), "entryId");

        JsonNode added = ok(ada, "addPlaylistEntries", "mutation($id: ID!, $tracks: [ID!]!) { addPlaylistEntries(id: $id, trackIds: $tracks,"
                + " at: START) { " + EDIT + " } }", Map.of("id", id, "tracks", List.of(track(3), track(4))));
        assertThat(added.path("version").asLong()).isEqualTo(2);
        assertThat(added.path("after").isNull()).as("at the start: after no entry").isTrue();
        assertThat(added.path("trackCount").asInt()).isEqualTo(4);
        assertThat(texts(added.path("entries"), "trackId")).containsExactly(track(3), track(4));
        List<String> addedIds = texts(added.path("entries"), "entryId");

        JsonNode appended = ok(ada, "addPlaylistEntries", "mutation($id: ID!, $tracks: [ID!]!, $after: ID) { addPlaylistEntries(id: $id,"
                + " trackIds: $tracks, after: $after, expectedVersion: 2) { " + EDIT + " } }",
                Map.of("id", id, "tracks", List.of(track(1)), "after", first.get(0)));
        assertThat(appended.path("after").asText()).isEqualTo(first.get(0));
        String again = appended.path("entries").get(0).path("entryId").asText();

        JsonNode moved = ok(ada, "movePlaylistEntries", "mutation($id: ID!, $entries: [ID!]!) { movePlaylistEntries(id: $id,"
                + " entryIds: $entries, at: END) { " + EDIT + " } }", Map.of("id", id, "entries", List.of(addedIds.get(0), first.get(0))));
        assertThat(moved.path("version").asLong()).isEqualTo(4);
        assertThat(texts(moved.path("entries"), "entryId")).containsExactly(addedIds.get(0), first.get(0));
        assertThat(moved.path("after").asText()).isEqualTo(first.get(1));

        JsonNode removed = ok(ada, "removePlaylistEntries", "mutation($id: ID!, $entries: [ID!]!) { removePlaylistEntries(id: $id,"
                + " entryIds: $entries) { " + EDIT + " } }", Map.of("id", id, "entries", List.of(addedIds.get(1), "999999999")));
        assertThat(texts(removed.path("removed"), null)).containsExactly(addedIds.get(1));
        assertThat(removed.path("version").asLong()).isEqualTo(5);
        assertThat(removed.path("trackCount").asInt()).isEqualTo(4);

        List<String> expected = List.of(again, first.get(1), addedIds.get(0), first.get(0));
        JsonNode rest = rest("v1/user/playlists/" + id, ada);
        assertThat(texts(rest.path("entries"), "entryId")).as("REST reads what GraphQL wrote").containsExactlyElementsOf(expected);
        assertThat(texts(rest.path("entries"), "trackId")).containsExactly(track(1), track(2), track(3), track(1));

        JsonNode graph = playlist(ada, id);
        assertThat(texts(graph.path("entries"), "entryId")).containsExactlyElementsOf(expected);
        JsonNode summary = graph.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) summary).remove(List.of("collaborators", "entries"));
        sameValues(summary, rest.path("playlist"), "playlist");
        sameValues(graph.path("collaborators"), rest.path("collaborators"), "collaborators");
        sameValues(graph.path("entries"), rest.path("entries"), "entries");
        assertThat(graph.path("entries").get(0).path("addedBy").path("username").asText()).isEqualTo("ada");
        assertThat(graph.path("entries").get(0).path("album").asText()).isEqualTo("Kiwi");

        // keyset pages: the same entries as REST's pages
        JsonNode page1 = ok(ada, "playlistEntries", "query($id: ID!) { playlistEntries(id: $id, limit: 3) { items { " + ENTRY
                + " } next version } }", Map.of("id", id));
        JsonNode restPage1 = rest("v1/user/playlists/" + id + "/entries?limit=3", ada);
        sameValues(page1, restPage1, "page1");
        assertThat(page1.path("version").asLong()).isEqualTo(5);
        JsonNode page2 = ok(ada, "playlistEntries", "query($id: ID!, $after: String) { playlistEntries(id: $id, after: $after) { items { entryId }"
                + " next } }", Map.of("id", id, "after", page1.path("next").asText()));
        assertThat(texts(page2.path("items"), "entryId")).containsExactly(first.get(0));
        assertThat(page2.path("next").isNull()).isTrue();

        // the list: the same summaries as REST
        JsonNode mine = ok(ada, "playlists", "{ playlists { items { " + SUMMARY + " } next } }", Map.of());
        JsonNode restMine = rest("v1/user/playlists", ada);
        assertThat(texts(mine.path("items"), "id")).contains(id);
        sameValues(mine.path("items"), restMine.path("items"), "playlists");
        // a listed playlist reads its entries when asked
        JsonNode listed = ok(ada, "playlists", "{ playlists(limit: 500) { items { id entries { entryId } } } }", Map.of());
        for (JsonNode item : listed.path("items")) {
            if (item.path("id").asText().equals(id)) {
                assertThat(texts(item.path("entries"), "entryId")).containsExactlyElementsOf(expected);
            }
        }

        // update, then public for others; delete
        JsonNode stale = api.graphql(ada, "mutation($id: ID!) { updatePlaylist(id: $id, name: \"x\", expectedVersion: 1) { id } }", Map.of("id", id));
        assertThat(stale.path("data").path("updatePlaylist").isNull()).isTrue();
        assertThat(stale.path("errors").get(0).path("extensions").path("status").asInt()).isEqualTo(409);
        assertThat(stale.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("version_conflict");
        JsonNode updated = ok(ada, "updatePlaylist", "mutation($id: ID!) { updatePlaylist(id: $id, name: \"Road trip\", description: \"\","
                + " public: true, expectedVersion: 5) { name description public version } }", Map.of("id", id));
        assertThat(updated.path("name").asText()).isEqualTo("Road trip");
        assertThat(updated.path("description").asText()).isEmpty();
        assertThat(updated.path("public").asBoolean()).isTrue();
        assertThat(updated.path("version").asLong()).isEqualTo(6);
        assertThat(rest("v1/user/playlists/" + id, ada).at("/playlist/name").asText()).isEqualTo("Road trip");
        assertThat(texts(ok(bob, "playlists", "{ playlists(scope: PUBLIC) { items { id } } }", Map.of()).path("items"), "id")).contains(id);
        assertThat(texts(ok(bob, "playlists", "{ playlists { items { id } } }", Map.of()).path("items"), "id")).doesNotContain(id);
        refused(bob, "deletePlaylist", "mutation($id: ID!) { deletePlaylist(id: $id) }", Map.of("id", id), 403, "not_playlist_owner");

        assertThat(ok(ada, "deletePlaylist", "mutation($id: ID!) { deletePlaylist(id: $id) }", Map.of("id", id)).asBoolean()).isTrue();
        assertThat(api.get("v1/user/playlists/" + id, ada).status()).isEqualTo(404);
        refused(ada, "playlist", "query($id: ID!) { playlist(id: $id) { id } }", Map.of("id", id), 404, "playlist_not_found");
    }

    @Test
    void aCollaboratorAddsAndInvitesWorkThroughGraphQl() {
        String id = create(ada, "Shared", List.of(track(1)));
        refused(ada, "addPlaylistCollaborator", "mutation($id: ID!) { addPlaylistCollaborator(id: $id, username: \"bob\") { playlist { id } } }",
                Map.of("id", id), 409, "not_collaborative");
        ok(ada, "updatePlaylist", "mutation($id: ID!) { updatePlaylist(id: $id, collaborative: true) { collaborative } }", Map.of("id", id));
        JsonNode shared = ok(ada, "addPlaylistCollaborator", "mutation($id: ID!) { addPlaylistCollaborator(id: $id, username: \"bob\") { "
                + SHARING + " } }", Map.of("id", id));
        assertThat(texts(shared.path("collaborators"), "username")).containsExactly("bob");
        assertThat(texts(shared.path("playlist").path("collaborators"), "username")).containsExactly("bob");

        JsonNode byBob = ok(bob, "addPlaylistEntries", "mutation($id: ID!, $tracks: [ID!]!) { addPlaylistEntries(id: $id, trackIds: $tracks)"
                + " { " + EDIT + " } }", Map.of("id", id, "tracks", List.of(track(2))));
        assertThat(byBob.path("entries").get(0).path("addedBy").asText()).isEqualTo(Long.toString(bobId));
        JsonNode rest = rest("v1/user/playlists/" + id, ada);
        assertThat(texts(rest.path("entries"), "trackId")).containsExactly(track(1), track(2));
        assertThat(rest.path("entries").get(1).at("/addedBy/username").asText()).isEqualTo("bob");
        assertThat(texts(ok(bob, "playlists", "{ playlists { items { id } } }", Map.of()).path("items"), "id")).as("bob's: collaborating").contains(id);

        JsonNode collaborators = ok(bob, "playlistCollaborators", "query($id: ID!) { playlistCollaborators(id: $id) { playlist { " + SUMMARY
                + " } collaborators { id username since } } }",
                Map.of("id", id));
        sameValues(collaborators, rest("v1/user/playlists/" + id + "/collaborators", bob), "collaborators");

        // invites: owner only; the token once; join; revoke
        refused(bob, "createPlaylistInvite", "mutation($id: ID!) { createPlaylistInvite(id: $id) { token } }", Map.of("id", id), 403,
                "not_playlist_owner");
        JsonNode invite = ok(ada, "createPlaylistInvite", "mutation($id: ID!) { createPlaylistInvite(id: $id, expiresInHours: 2) { id token"
                + " createdAt expiresAt revokedAt } }", Map.of("id", id));
        assertThat(invite.path("token").asText()).isNotEmpty();
        assertThat(java.time.Duration.between(java.time.Instant.parse(invite.path("createdAt").asText()),
                java.time.Instant.parse(invite.path("expiresAt").asText())).toMinutes()).isBetween(119L, 121L);
        JsonNode invites = ok(ada, "playlistInvites", "query($id: ID!) { playlistInvites(id: $id) { id token createdAt expiresAt revokedAt } }",
                Map.of("id", id));
        sameValues(invites, rest("v1/user/playlists/" + id + "/invites", ada), "invites");
        assertThat(invites.get(0).path("token").isNull()).as("shown only when made").isTrue();
        refused(bob, "playlistInvites", "query($id: ID!) { playlistInvites(id: $id) { id } }", Map.of("id", id), 403, "not_playlist_owner");

        long carolId = api.createUser("carol", "carol-password", "regular");
        String carol = api.accessToken("carol", "carol-password", "carol-browser");
        JsonNode joined = ok(carol, "joinPlaylist", "mutation($token: String!) { joinPlaylist(token: $token) { " + SHARING + " } }",
                Map.of("token", invite.path("token").asText()));
        assertThat(texts(joined.path("collaborators"), "username")).containsExactlyInAnyOrder("bob", "carol");
        assertThat(ok(ada, "revokePlaylistInvite", "mutation($id: ID!, $invite: ID!) { revokePlaylistInvite(id: $id, inviteId: $invite) }",
                Map.of("id", id, "invite", invite.path("id").asText())).asBoolean()).isTrue();
        assertThat(rest("v1/user/playlists/" + id + "/invites", ada).get(0).path("revokedAt").isNull()).isFalse();
        api.createUser("dan", "dan-password", "regular");
        String dan = token("dan");
        refused(dan, "joinPlaylist", "mutation($token: String!) { joinPlaylist(token: $token) { playlist { id } } }",
                Map.of("token", invite.path("token").asText()), 410, "invite_revoked");

        // the owner removes carol; bob leaves (and reads the playlist no more)
        JsonNode less = ok(ada, "removePlaylistCollaborator", "mutation($id: ID!, $user: ID!) { removePlaylistCollaborator(id: $id,"
                + " userId: $user) { " + SHARING + " } }", Map.of("id", id, "user", Long.toString(carolId)));
        assertThat(texts(less.path("collaborators"), "username")).containsExactly("bob");
        JsonNode left = ok(bob, "removePlaylistCollaborator", "mutation($id: ID!, $user: ID!) { removePlaylistCollaborator(id: $id,"
                + " userId: $user) { " + SHARING + " } }", Map.of("id", id, "user", Long.toString(bobId)));
        assertThat(left.path("collaborators")).isEmpty();
        assertThat(left.path("playlist").path("collaborators")).isEmpty();
        refused(bob, "playlist", "query($id: ID!) { playlist(id: $id) { id } }", Map.of("id", id), 404, "playlist_not_found");
    }

    @Test
    void theCoverUploadedThroughRestIsRemovedThroughGraphQl() throws Exception {
        String id = create(ada, "Covered", List.of(track(3)));
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, 32, 32);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        ApiHarness.Answer put = api.callBytes("PUT", "v1/user/playlists/" + id + "/cover", ada, "image/png", png.toByteArray(), Map.of());
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(playlist(ada, id).path("coverImageId").asText()).isEqualTo(put.json().path("coverImageId").asText()).isNotEqualTo("null");

        JsonNode uncovered = ok(ada, "deletePlaylistCover", "mutation($id: ID!) { deletePlaylistCover(id: $id) { coverImageId mosaic version } }",
                Map.of("id", id));
        assertThat(uncovered.path("coverImageId").isNull()).isTrue();
        assertThat(uncovered.path("version").asLong()).isEqualTo(3);
        assertThat(rest("v1/user/playlists/" + id, ada).at("/playlist/coverImageId").isNull()).isTrue();
    }

    @Test
    void aUserWithoutOwnPlaylistsCannotCreateButReads() {
        String id = create(ada, "Open", List.of(track(4)));
        ok(ada, "updatePlaylist", "mutation($id: ID!) { updatePlaylist(id: $id, public: true) { id } }", Map.of("id", id));
        long eveId = api.createUser("eve", "eve-password", "regular");
        api.auth.revoke(eveId, Permission.OWN_PLAYLISTS, Optional.empty());
        String eve = api.accessToken("eve", "eve-password", "eve-browser");

        JsonNode answer = refused(eve, "createPlaylist", "mutation { createPlaylist(name: \"mine\") { id } }", Map.of(), 403, "forbidden");
        assertThat(answer.path("errors").get(0).path("message").asText()).contains("OwnPlaylists");
        assertThat(api.post("v1/user/playlists", eve, Map.of("name", "mine")).status()).as("REST refuses the same").isEqualTo(403);
        refused(eve, "addPlaylistEntries", "mutation($id: ID!) { addPlaylistEntries(id: $id, trackIds: [\"1\"]) { version } }",
                Map.of("id", id), 403, "forbidden");
        assertThat(texts(playlist(eve, id).path("entries"), "trackId")).as("reading needs AccessCatalog only").containsExactly(track(4));
    }

    @Test
    void aPlaylistReachedThroughAMutationReadsItsEntriesOnlyWithTheRightToReadThem() {
        long franId = api.createUser("fran", "fran-password", "regular");
        api.auth.revoke(franId, Permission.ACCESS_CATALOG, Optional.empty());
        String fran = token("fran");
        JsonNode answer = api.graphql(fran, "mutation { createPlaylist(name: \"blind\") { id name entries { title } } }", Map.of());
        assertThat(answer.path("data").path("createPlaylist").path("name").asText()).as(answer.toString()).isEqualTo("blind");
        JsonNode error = answer.path("errors").get(0);
        assertThat(error.path("extensions").path("status").asInt()).as(answer.toString()).isEqualTo(403);
        assertThat(texts(error.path("path"), null)).containsExactly("createPlaylist", "entries");
        refused(fran, "playlists", "{ playlists { items { id } } }", Map.of(), 403, "forbidden");
    }

    @Test
    void unknownPlaylistsAndMalformedArgumentsAreErrorsOnTheirField() {
        refused(ada, "playlist", "{ playlist(id: \"999999\") { id } }", Map.of(), 404, "playlist_not_found");
        refused(ada, "playlistEntries", "{ playlistEntries(id: \"999999\") { version } }", Map.of(), 404, "playlist_not_found");
        refused(ada, "addPlaylistEntries", "mutation { addPlaylistEntries(id: \"999999\", trackIds: [\"1\"]) { version } }", Map.of(), 404,
                "playlist_not_found");
        refused(ada, "addPlaylistEntries", "mutation { addPlaylistEntries(id: \"1\", trackIds: [\"x1\"]) { version } }", Map.of(), 400,
                "invalid_input");
        String id = create(ada, "Checks", List.of(track(1)));
        refused(ada, "addPlaylistEntries", "mutation($id: ID!) { addPlaylistEntries(id: $id, trackIds: [], at: END) { version } }",
                Map.of("id", id), 400, "invalid_field");
        refused(ada, "addPlaylistEntries", "mutation($id: ID!) { addPlaylistEntries(id: $id, trackIds: [\"999999\"]) { version } }",
                Map.of("id", id), 404, "unknown_track");
        refused(ada, "movePlaylistEntries", "mutation($id: ID!) { movePlaylistEntries(id: $id, entryIds: [\"1\"], after: \"1\", at: START)"
                + " { version } }", Map.of("id", id), 400, "invalid_field");
        refused(ada, "joinPlaylist", "mutation { joinPlaylist(token: \"nope\") { playlist { id } } }", Map.of(), 404, "invite_not_found");
        refused(ada, "playlists", "{ playlists(after: \"garbage\") { next } }", Map.of(), 400,
                errorCode(api.get("v1/user/playlists?after=garbage", ada)));
    }

    private static String errorCode(ApiHarness.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        return answer.errorCode();
    }

    private static String token(String username) {
        return api.accessToken(username, username + "-password", username + "-browser");
    }
}
