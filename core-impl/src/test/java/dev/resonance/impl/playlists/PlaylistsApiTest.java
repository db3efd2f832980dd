package dev.resonance.impl.playlists;

import static dev.resonance.impl.playlists.PlaylistCatalog.longs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Permission;
import dev.resonance.impl.auth.ApiHarness;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every playlist operation through the REST API over the real PostgreSQL: results, events, errors and who may do what. */
class PlaylistsApiTest {

    private static PlaylistCatalog catalog;
    private static ApiHarness api;
    private static String ada;
    private static String bob;
    private static long adaId;
    private static long bobId;

    @BeforeAll
    static void start() throws Exception {
        catalog = new PlaylistCatalog();
        api = catalog.api;
        adaId = api.createUser("ada", "ada-password", "regular");
        bobId = api.createUser("bob", "bob-password", "regular");
        ada = api.accessToken("ada", "ada-password", "ada-phone");
        bob = api.accessToken("bob", "bob-password", "bob-phone");
    }

    @AfterAll
    static void stop() {
        catalog.close();
    }

    private static JsonNode ok(ApiHarness.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static void error(ApiHarness.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/json");
        assertThat(answer.errorCode()).as(answer.toString()).isEqualTo(code);
    }

    private static ApiHarness.Answer post(String path, String token, Object body) {
        return api.post(path, token, body);
    }

    private static ApiHarness.Answer patch(String path, String token, Object body) {
        return api.call("PATCH", path, token, "application/json", ApiHarness.json(body));
    }

    private static ApiHarness.Answer delete(String path, String token) {
        return api.call("DELETE", path, token, null, null);
    }

    private static long create(String token, Map<String, Object> body) {
        return ok(post("v1/user/playlists", token, body)).path("id").asLong();
    }

    /** The track ids of the playlist in order, as the caller sees them. */
    private static List<Long> tracks(long id, String token) {
        return longs(ok(api.get("v1/user/playlists/" + id, token)).path("entries"), "trackId");
    }

    private static List<Long> entries(long id, String token) {
        return longs(ok(api.get("v1/user/playlists/" + id, token)).path("entries"), "entryId");
    }

    private static List<JsonNode> events(String token, long since) {
        JsonNode page = ok(api.get("v1/sync/events?since=" + since, token));
        return StreamSupport.stream(page.path("events").spliterator(), false).toList();
    }

    private static long seq(String token) {
        return ok(api.get("v1/sync/events?since=0&limit=1", token)).path("currentSeq").asLong();
    }

    @Test
    void entriesAreAddedMovedAndRemovedByEntryIdAndEveryChangeIsOneVersionAndOneEvent() {
        long s1 = catalog.track("Sky 1");
        long s2 = catalog.track("Sky 2");
        long s3 = catalog.track("Sky 3");
        long since = seq(ada);
        JsonNode created = ok(post("v1/user/playlists", ada, Map.of("name", " Road trip ", "description", "first line\nsecond line",
                "trackIds", List.of(s1, s2))));
        long id = created.path("id").asLong();
        assertThat(created.path("name").asText()).isEqualTo("Road trip");
        assertThat(created.path("description").asText()).isEqualTo("first line\nsecond line");
        assertThat(created.path("version").asLong()).isEqualTo(1);
        assertThat(created.path("trackCount").asInt()).isEqualTo(2);
        assertThat(created.path("durationMs").asLong()).isEqualTo(60_000 + 120_000);
        assertThat(created.path("public").asBoolean()).isFalse();
        assertThat(created.at("/owner/username").asText()).isEqualTo("ada");
        List<Long> e = entries(id, ada);

        JsonNode added = ok(post("v1/user/playlists/" + id + "/entries", ada, Map.of("trackIds", List.of(s3, s1), "at", "start")));
        assertThat(added.path("version").asLong()).isEqualTo(2);
        assertThat(added.path("after").isNull()).isTrue();
        assertThat(tracks(id, ada)).as("a track may be in a playlist twice").containsExactly(s3, s1, s1, s2);
        List<Long> addedIds = longs(added.path("entries"), "entryId");

        JsonNode dup = ok(post("v1/user/playlists/" + id + "/entries", ada, Map.of("trackIds", List.of(s2), "after", e.get(0))));
        assertThat(dup.path("after").asLong()).isEqualTo(e.get(0));
        assertThat(tracks(id, ada)).containsExactly(s3, s1, s1, s2, s2);
        long dupEntry = dup.path("entries").get(0).path("entryId").asLong();

        JsonNode moved = ok(post("v1/user/playlists/" + id + "/entries/move", ada,
                Map.of("entryIds", List.of(e.get(1), addedIds.get(0)), "at", "start")));
        assertThat(moved.path("version").asLong()).isEqualTo(4);
        assertThat(entries(id, ada)).containsExactly(e.get(1), addedIds.get(0), addedIds.get(1), e.get(0), dupEntry);

        ok(post("v1/user/playlists/" + id + "/entries/move", ada, Map.of("entryIds", List.of(e.get(1)), "after", dupEntry)));
        assertThat(entries(id, ada)).containsExactly(addedIds.get(0), addedIds.get(1), e.get(0), dupEntry, e.get(1));

        JsonNode removed = ok(post("v1/user/playlists/" + id + "/entries/remove", ada, Map.of("entryIds", List.of(dupEntry, 999_999_999L))));
        assertThat(longs(removed.path("removed"), null)).containsExactly(dupEntry);
        assertThat(removed.path("version").asLong()).isEqualTo(6);
        assertThat(removed.path("trackCount").asInt()).isEqualTo(4);
        JsonNode again = ok(post("v1/user/playlists/" + id + "/entries/remove", ada, Map.of("entryIds", List.of(dupEntry))));
        assertThat(again.path("version").asLong()).as("removing what is gone changes nothing").isEqualTo(6);
        assertThat(again.path("removed")).isEmpty();

        JsonNode late = ok(post("v1/user/playlists/" + id + "/entries", ada, Map.of("trackIds", List.of(s3), "after", dupEntry)));
        assertThat(late.path("anchorMissing").asBoolean()).as("anchor removed meanwhile: placed at the end").isTrue();
        assertThat(late.path("after").asLong()).isEqualTo(e.get(1));
        assertThat(tracks(id, ada)).containsExactly(s3, s1, s1, s2, s3);
        JsonNode nothingMoved = ok(post("v1/user/playlists/" + id + "/entries/move", ada, Map.of("entryIds", List.of(dupEntry), "at", "end")));
        assertThat(nothingMoved.path("version").asLong()).isEqualTo(7);

        error(post("v1/user/playlists/" + id + "/entries", ada, Map.of("trackIds", List.of(s1), "expectedVersion", 3)), 409, "version_conflict");
        ok(post("v1/user/playlists/" + id + "/entries/remove", ada, Map.of("entryIds", List.of(e.get(1)), "expectedVersion", 7)));

        JsonNode detail = ok(api.get("v1/user/playlists/" + id, ada));
        assertThat(detail.at("/playlist/version").asLong()).isEqualTo(8);
        assertThat(detail.at("/playlist/trackCount").asInt()).isEqualTo(4);
        assertThat(detail.at("/playlist/durationMs").asLong()).isEqualTo(180_000 + 60_000 + 60_000 + 180_000);
        assertThat(detail.at("/entries/0/addedBy/username").asText()).isEqualTo("ada");
        assertThat(detail.at("/entries/0/title").asText()).isEqualTo("Sky 3");

        List<JsonNode> log = events(ada, since);
        assertThat(log).extracting(n -> n.path("type").asText()).containsExactly("playlist.created", "playlist.entries.added",
                "playlist.entries.added", "playlist.entries.moved", "playlist.entries.moved", "playlist.entries.removed",
                "playlist.entries.added", "playlist.entries.removed");
        assertThat(log).extracting(n -> n.at("/payload/version").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(log.get(0).at("/payload/entries/0/entryId").asLong()).isEqualTo(e.get(0));
        assertThat(log.get(3).at("/payload/after").isNull()).isTrue();
        assertThat(longs(log.get(3).at("/payload/entryIds"), null)).containsExactly(e.get(1), addedIds.get(0));
        assertThat(log.get(1).path("deviceId").isNull()).as("the acting device is named (so it is not echoed)").isFalse();

        JsonNode snapshot = ok(api.get("v1/sync/state", ada));
        JsonNode mine = StreamSupport.stream(snapshot.path("playlists").spliterator(), false)
                .filter(p -> p.path("id").asLong() == id).findFirst().orElseThrow();
        assertThat(mine.path("version").asLong()).isEqualTo(8);
        assertThat(mine.path("trackCount").asInt()).isEqualTo(4);
    }

    @Test
    void insertingIntoTheSameGapOverAndOverRenumbersAndKeepsTheOrder() {
        long first = catalog.track("Sand 1");
        long last = catalog.track("Sand 2");
        long id = create(ada, Map.of("name", "Wedge", "trackIds", List.of(first, last)));
        long anchor = entries(id, ada).get(0);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // each insert halves the gap after the anchor: 2^32 lasts 32 of them
            JsonNode edit = ok(post("v1/user/playlists/" + id + "/entries", ada, Map.of("trackIds", List.of(catalog.track("Sky 1")), "after", anchor)));
            expected.add(0, edit.at("/entries/0/entryId").asLong());
        }
        List<Long> order = entries(id, ada);
        assertThat(order.subList(1, 41)).containsExactlyElementsOf(expected);
        assertThat(tracks(id, ada).get(41)).isEqualTo(last);
        long renumbered = api.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT max(position) FROM playlist_entries WHERE playlist_id = ?")) {
                ps.setLong(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        assertThat(renumbered).as("renumbered: the last entry, made at 2 GAP, moved on").isGreaterThan(2 * EntryPositions.GAP);
    }

    @Test
    void nameDescriptionVisibilityAndDeletionAreTheOwnersAndReachEveryMember() {
        long id = create(ada, Map.of("name", "Mine", "collaborative", true));
        ok(post("v1/user/playlists/" + id + "/collaborators", ada, Map.of("username", "bob")));
        long bobSince = seq(bob);
        JsonNode renamed = ok(patch("v1/user/playlists/" + id, ada, Map.of("name", "Ours", "description", "for the car", "public", true)));
        assertThat(renamed.path("name").asText()).isEqualTo("Ours");
        assertThat(renamed.path("public").asBoolean()).isTrue();
        assertThat(renamed.path("version").asLong()).isEqualTo(3);
        JsonNode same = ok(patch("v1/user/playlists/" + id, ada, Map.of("name", "Ours")));
        assertThat(same.path("version").asLong()).as("no change, no version").isEqualTo(3);
        error(patch("v1/user/playlists/" + id, bob, Map.of("name", "Bob's")), 403, "not_playlist_owner");
        List<JsonNode> bobEvents = events(bob, bobSince);
        assertThat(bobEvents).extracting(n -> n.path("type").asText()).containsExactly("playlist.updated");
        assertThat(bobEvents.get(0).at("/payload/playlist/name").asText()).isEqualTo("Ours");

        error(delete("v1/user/playlists/" + id, bob), 403, "not_playlist_owner");
        assertThat(delete("v1/user/playlists/" + id, ada).status()).isEqualTo(204);
        error(api.get("v1/user/playlists/" + id, ada), 404, "playlist_not_found");
        List<JsonNode> gone = events(bob, bobSince);
        assertThat(gone.get(gone.size() - 1).path("type").asText()).isEqualTo("playlist.deleted");
        assertThat(gone.get(gone.size() - 1).at("/payload/version").asLong()).isEqualTo(4);
    }

    @Test
    void privatePlaylistsAreHiddenPublicOnesReadableAndOnlyMembersEdit() {
        long s1 = catalog.track("Sea 1");
        long id = create(ada, Map.of("name", "Secret", "trackIds", List.of(s1)));
        error(api.get("v1/user/playlists/" + id, bob), 404, "playlist_not_found");
        error(api.get("v1/user/playlists/" + id + "/m3u8", bob), 404, "playlist_not_found");
        error(post("v1/user/playlists/" + id + "/entries", bob, Map.of("trackIds", List.of(s1))), 404, "playlist_not_found");
        assertThat(longs(ok(api.get("v1/user/playlists?scope=public", bob)).path("items"), "id")).doesNotContain(id);

        ok(patch("v1/user/playlists/" + id, ada, Map.of("public", true)));
        assertThat(tracks(id, bob)).containsExactly(s1);
        assertThat(longs(ok(api.get("v1/user/playlists?scope=public", bob)).path("items"), "id")).contains(id);
        assertThat(longs(ok(api.get("v1/user/playlists?scope=public", ada)).path("items"), "id")).as("not one's own").doesNotContain(id);
        assertThat(longs(ok(api.get("v1/user/playlists", bob)).path("items"), "id")).doesNotContain(id);
        assertThat(longs(ok(api.get("v1/user/playlists", ada)).path("items"), "id")).contains(id);
        error(post("v1/user/playlists/" + id + "/entries", bob, Map.of("trackIds", List.of(s1))), 403, "playlist_read_only");
        error(post("v1/user/playlists/" + id + "/collaborators", bob, Map.of("username", "bob")), 403, "not_playlist_owner");

        long noPlaylists = api.createUser("nolists", "nolists-password", "regular");
        api.auth.revoke(noPlaylists, Permission.OWN_PLAYLISTS, Optional.empty());
        String token = api.accessToken("nolists", "nolists-password", "phone");
        error(post("v1/user/playlists", token, Map.of("name", "x")), 403, "forbidden");
        assertThat(tracks(id, token)).as("reading needs AccessCatalog only").containsExactly(s1);
    }

    @Test
    void tracksOutsideTheViewersLibrariesAreLeftOut() {
        long near = catalog.track("Sky 1");
        long far = catalog.track("Far 1");
        long id = create(ada, Map.of("name", "Near and far", "public", true, "trackIds", List.of(far, near)));
        long carol = api.createUser("carol", "carol-password", "regular");
        api.library.setAccess(carol, List.of(catalog.libraryId("Music")));
        String token = api.accessToken("carol", "carol-password", "phone");
        assertThat(tracks(id, token)).containsExactly(near);
        assertThat(ok(api.get("v1/user/playlists/" + id + "/entries", token)).path("items")).hasSize(1);
        String m3u = api.get("v1/user/playlists/" + id + "/m3u8", token).body();
        assertThat(m3u).contains("Band/Sky/1.mp3").doesNotContain("Far/1.mp3");
        error(post("v1/user/playlists", token, Map.of("name", "x", "trackIds", List.of(far))), 404, "unknown_track");
        assertThat(tracks(id, ada)).containsExactly(far, near);

        // pages of what the viewer may see: hidden entries between them are read past, never counted
        long far2 = catalog.track("Far 2");
        List<Long> mixed = List.of(far, catalog.track("Sky 2"), far2, far, catalog.track("Sky 3"), catalog.track("Sea 1"), far2, far);
        long paged = create(ada, Map.of("name", "Mostly far", "public", true, "trackIds", mixed));
        List<Long> seen = new ArrayList<>();
        JsonNode page = ok(api.get("v1/user/playlists/" + paged + "/entries?limit=2", token));
        seen.addAll(longs(page.path("items"), "trackId"));
        assertThat(page.path("items")).hasSize(2);
        page = ok(api.get("v1/user/playlists/" + paged + "/entries?limit=2&after=" + page.path("next").asText(), token));
        seen.addAll(longs(page.path("items"), "trackId"));
        assertThat(page.path("next").isNull()).as("the hidden entries after the last visible one are no next page").isTrue();
        assertThat(seen).containsExactly(catalog.track("Sky 2"), catalog.track("Sky 3"), catalog.track("Sea 1"));
    }

    @Test
    void malformedInputIsA400WithTheJsonErrorShape() {
        long s1 = catalog.track("Sand 1");
        long id = create(ada, Map.of("name", "Inputs", "trackIds", List.of(s1)));
        long entry = entries(id, ada).get(0);
        String entriesPath = "v1/user/playlists/" + id + "/entries";
        error(post("v1/user/playlists", ada, Map.of()), 400, "invalid_field");
        error(post("v1/user/playlists", ada, Map.of("name", "   ")), 400, "invalid_field");
        error(post("v1/user/playlists", ada, Map.of("name", "bell\u0007")), 400, "invalid_field");
        error(post("v1/user/playlists", ada, Map.of("name", "x".repeat(201))), 400, "invalid_field");
        error(post("v1/user/playlists", ada, Map.of("name", "x", "description", "d".repeat(2001))), 400, "invalid_field");
        error(post("v1/user/playlists", ada, Map.of("name", "x", "colour", "red")), 400, "unknown_field");
        error(post("v1/user/playlists", ada, "{\"name\":"), 400, "invalid_json");
        error(post(entriesPath, ada, Map.of("trackIds", List.of())), 400, "invalid_field");
        error(post(entriesPath, ada, Map.of("trackIds", List.of("one"))), 400, "invalid_json");
        error(post(entriesPath, ada, Map.of("trackIds", List.of(s1), "after", entry, "at", "end")), 400, "invalid_field");
        error(post(entriesPath, ada, Map.of("trackIds", List.of(s1), "at", "middle")), 400, "invalid_field");
        error(post(entriesPath, ada, Map.of("trackIds", List.of(999_999_999L))), 404, "unknown_track");
        error(post(entriesPath + "/move", ada, Map.of("entryIds", List.of(entry), "after", entry)), 400, "invalid_anchor");
        error(post(entriesPath + "/remove", ada, Map.of()), 400, "invalid_field");
        error(api.get(entriesPath + "?after=garbage", ada), 400, "invalid_cursor");
        error(api.get(entriesPath + "?limit=0", ada), 400, "invalid_parameter");
        error(api.get("v1/user/playlists?scope=everything", ada), 400, "invalid_parameter");
        error(api.get("v1/user/playlists/" + id + "/m3u8?paths=sideways", ada), 400, "invalid_parameter");
        error(api.call("PUT", "v1/user/playlists/" + id + "/cover", ada, "image/png", "not an image", Map.of()), 400, "invalid_image");
        error(api.callBytes("POST", "v1/user/playlists/import", ada, "text/plain", new byte[] {'#', (byte) 0xC3, (byte) 0x28}, Map.of()),
                400, "invalid_encoding");
        error(post("v1/user/playlists/" + id + "/invites", ada, Map.of("expiresInHours", 0)), 400, "invalid_field");
        error(post("v1/user/playlists/" + id + "/invites", ada, Map.of()), 409, "not_collaborative");
        error(post("v1/user/playlists/join", ada, Map.of()), 400, "invalid_field");
        assertThat(entries(id, ada)).as("nothing was written").containsExactly(entry);
    }

    @Test
    void collaboratorsEditAndTheOwnerControlsWhoCollaborates() {
        long s1 = catalog.track("Sky 1");
        long s2 = catalog.track("Sea 2");
        long id = create(ada, Map.of("name", "Shared"));
        error(post("v1/user/playlists/" + id + "/collaborators", ada, Map.of("username", "bob")), 409, "not_collaborative");
        ok(patch("v1/user/playlists/" + id, ada, Map.of("collaborative", true)));
        error(post("v1/user/playlists/" + id + "/collaborators", ada, Map.of("username", "nobody")), 404, "unknown_user");
        error(post("v1/user/playlists/" + id + "/collaborators", ada, Map.of("username", "ada")), 409, "already_owner");
        long bobSince = seq(bob);
        JsonNode sharing = ok(post("v1/user/playlists/" + id + "/collaborators", ada, Map.of("username", "BOB")));
        assertThat(longs(sharing.path("collaborators"), "id")).containsExactly(bobId);
        JsonNode joined = events(bob, bobSince).get(0);
        assertThat(joined.path("type").asText()).isEqualTo("playlist.collaborators.changed");
        assertThat(joined.at("/payload/change").asText()).isEqualTo("added");
        assertThat(joined.at("/payload/playlist/name").asText()).isEqualTo("Shared");
        assertThat(longs(ok(api.get("v1/user/playlists", bob)).path("items"), "id")).contains(id);
        assertThat(StreamSupport.stream(ok(api.get("v1/sync/state", bob)).path("playlists").spliterator(), false)
                .map(p -> p.path("id").asLong())).contains(id);

        long adaSince = seq(ada);
        JsonNode byBob = ok(post("v1/user/playlists/" + id + "/entries", bob, Map.of("trackIds", List.of(s1))));
        ok(post("v1/user/playlists/" + id + "/entries", ada, Map.of("trackIds", List.of(s2))));
        JsonNode detail = ok(api.get("v1/user/playlists/" + id, ada));
        assertThat(detail.at("/entries/0/addedBy/username").asText()).isEqualTo("bob");
        assertThat(detail.at("/entries/1/addedBy/username").asText()).isEqualTo("ada");
        assertThat(detail.at("/entries/0/addedAt").asText()).isEqualTo(byBob.at("/entries/0/addedAt").asText());
        List<JsonNode> adaLog = events(ada, adaSince);
        List<JsonNode> bobLog = events(bob, bobSince + 1);
        assertThat(adaLog).extracting(n -> n.path("payload")).isEqualTo(bobLog.stream().map(n -> n.path("payload")).toList());
        assertThat(adaLog.get(0).at("/payload/entries/0/addedBy").asLong()).isEqualTo(bobId);

        ok(patch("v1/user/playlists/" + id, ada, Map.of("collaborative", false)));
        error(post("v1/user/playlists/" + id + "/entries", bob, Map.of("trackIds", List.of(s1))), 403, "playlist_read_only");
        assertThat(tracks(id, bob)).as("still a member: may read").containsExactly(s1, s2);
        ok(patch("v1/user/playlists/" + id, ada, Map.of("collaborative", true)));

        error(delete("v1/user/playlists/" + id + "/collaborators/" + adaId, bob), 403, "not_playlist_owner");
        error(delete("v1/user/playlists/" + id + "/collaborators/" + adaId, ada), 400, "owner_cannot_leave");
        long beforeLeave = seq(ada);
        ok(delete("v1/user/playlists/" + id + "/collaborators/" + bobId, bob));
        assertThat(events(ada, beforeLeave).get(0).at("/payload/change").asText()).isEqualTo("left");
        error(api.get("v1/user/playlists/" + id, bob), 404, "playlist_not_found");
        error(delete("v1/user/playlists/" + id + "/collaborators/" + bobId, ada), 404, "not_a_collaborator");

        ok(post("v1/user/playlists/" + id + "/collaborators", ada, Map.of("username", "bob")));
        long removedSince = seq(bob);
        JsonNode after = ok(delete("v1/user/playlists/" + id + "/collaborators/" + bobId, ada));
        assertThat(after.path("collaborators")).isEmpty();
        JsonNode removal = events(bob, removedSince).get(0);
        assertThat(removal.at("/payload/change").asText()).as("the removed collaborator is told").isEqualTo("removed");
        assertThat(removal.at("/payload/user/id").asLong()).isEqualTo(bobId);
    }

    @Test
    void anEditIsPushedLiveToEveryMembersDevicesButNotEchoedToTheDeviceThatMadeIt() {
        long id = create(ada, Map.of("name", "Live", "collaborative", true));
        ok(post("v1/user/playlists/" + id + "/collaborators", ada, Map.of("username", "bob")));
        long bobDevice = ok(api.get("v1/auth/session", bob)).path("deviceId").asLong();
        List<dev.resonance.impl.sync.bus.BusMessage> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var toAda = api.bus.subscribe(adaId, seen::add); var toBob = api.bus.subscribe(bobId, seen::add)) {
            ok(post("v1/user/playlists/" + id + "/entries", bob, Map.of("trackIds", List.of(catalog.track("Sea 3")))));
        }
        assertThat(seen).extracting(dev.resonance.impl.sync.bus.BusMessage::userId).containsExactlyInAnyOrder(adaId, bobId);
        for (var message : seen) {
            assertThat(message.deliverableTo(bobDevice)).isFalse();
            assertThat(message.deliverableTo(bobDevice + 1000)).isTrue();
            JsonNode frame = dev.resonance.impl.events.EventLog.tree(message.json());
            assertThat(frame.at("/event/type").asText()).isEqualTo("playlist.entries.added");
            assertThat(frame.at("/event/payload/version").asLong()).isEqualTo(3);
        }
    }

    @Test
    void inviteLinksJoinUntilRevokedOrExpiredAndStoreOnlyAHash() {
        long id = create(ada, Map.of("name", "Party", "collaborative", true));
        JsonNode invite = ok(post("v1/user/playlists/" + id + "/invites", ada, Map.of()));
        String token = invite.path("token").asText();
        assertThat(token).hasSizeGreaterThan(40);
        error(post("v1/user/playlists/" + id + "/invites", bob, Map.of()), 404, "playlist_not_found");
        JsonNode listed = ok(api.get("v1/user/playlists/" + id + "/invites", ada));
        assertThat(listed.get(0).path("token").isNull()).as("the token is shown once").isTrue();
        long stored = api.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT count(*) FROM playlist_invites WHERE position(convert_to(?, 'UTF8') in token_hash) > 0")) {
                ps.setString(1, token);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        assertThat(stored).isZero();

        JsonNode joined = ok(post("v1/user/playlists/join", bob, Map.of("token", token)));
        assertThat(longs(joined.path("collaborators"), "id")).containsExactly(bobId);
        long version = joined.at("/playlist/version").asLong();
        assertThat(ok(post("v1/user/playlists/join", bob, Map.of("token", token))).at("/playlist/version").asLong())
                .as("joining twice changes nothing").isEqualTo(version);
        assertThat(ok(post("v1/user/playlists/join", ada, Map.of("token", token))).at("/playlist/version").asLong())
                .as("the owner's own link").isEqualTo(version);

        api.createUser("erin", "erin-password", "regular");
        String erin = api.accessToken("erin", "erin-password", "phone");
        error(post("v1/user/playlists/join", erin, Map.of("token", token + "x")), 404, "invite_not_found");
        assertThat(delete("v1/user/playlists/" + id + "/invites/" + invite.path("id").asLong(), ada).status()).isEqualTo(204);
        error(post("v1/user/playlists/join", erin, Map.of("token", token)), 410, "invite_revoked");
        error(delete("v1/user/playlists/" + id + "/invites/999999999", ada), 404, "invite_not_found");

        String shortLived = ok(post("v1/user/playlists/" + id + "/invites", ada, Map.of("expiresInHours", 1))).path("token").asText();
        api.clock.advance(Duration.ofHours(2));
        ada = api.accessToken("ada", "ada-password", "ada-phone"); // the clock moved past the access tokens' lifetime
        bob = api.accessToken("bob", "bob-password", "bob-phone");
        erin = api.accessToken("erin", "erin-password", "phone");
        error(post("v1/user/playlists/join", erin, Map.of("token", shortLived)), 410, "invite_expired");
        error(post("v1/user/playlists/" + id + "/invites", ada, Map.of("expiresInHours", 100_000)), 400, "invalid_field");
    }

    @Test
    void theMosaicShowsTheFirstDistinctAlbumCoversUntilACoverIsUploaded() throws Exception {
        long id = create(ada, Map.of("name", "Covers", "trackIds", List.of(catalog.track("Sand 1"), catalog.track("Sea 1"),
                catalog.track("Sea 2"), catalog.track("Sky 1"))));
        JsonNode summary = ok(api.get("v1/user/playlists/" + id, ada)).path("playlist");
        assertThat(longs(summary.path("mosaic"), null)).containsExactly(catalog.coverOf("Sea"), catalog.coverOf("Sky"));
        assertThat(summary.path("coverImageId").isNull()).isTrue();

        long since = seq(ada);
        byte[] png = PlaylistCatalog.png(Color.GREEN);
        JsonNode covered = ok(api.callBytes("PUT", "v1/user/playlists/" + id + "/cover", ada, "image/png", png, Map.of()));
        long cover = covered.path("coverImageId").asLong();
        assertThat(cover).isPositive();
        assertThat(events(ada, since).get(0).at("/payload/playlist/coverImageId").asLong()).isEqualTo(cover);
        ApiHarness.Answer image = api.get("v1/content/images/" + cover, ada);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.bytes()).isEqualTo(png);
        error(api.callBytes("PUT", "v1/user/playlists/" + id + "/cover", bob, "image/png", png, Map.of()), 404, "playlist_not_found");

        JsonNode uncovered = ok(delete("v1/user/playlists/" + id + "/cover", ada));
        assertThat(uncovered.path("coverImageId").isNull()).isTrue();
        assertThat(uncovered.path("version").asLong()).isEqualTo(3);
    }

    @Test
    void entriesArePagedByKeysetAndAPageAfterARemovedEntryContinuesWhereItWas() {
        List<Long> all = new ArrayList<>();
        for (String album : List.of("Sky", "Sea")) {
            for (int t = 1; t <= 3; t++) {
                all.add(catalog.track(album + " " + t));
            }
        }
        all.add(catalog.track("Sand 1"));
        long id = create(ada, Map.of("name", "Pages", "trackIds", all));
        String path = "v1/user/playlists/" + id + "/entries?limit=3";
        JsonNode first = ok(api.get(path, ada));
        assertThat(longs(first.path("items"), "trackId")).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(first.path("version").asLong()).isEqualTo(1);
        String next = first.path("next").asText();
        long cursorEntry = first.at("/items/2/entryId").asLong();
        ok(post("v1/user/playlists/" + id + "/entries/remove", ada, Map.of("entryIds", List.of(cursorEntry))));
        JsonNode second = ok(api.get(path + "&after=" + next, ada));
        assertThat(longs(second.path("items"), "trackId")).containsExactlyElementsOf(all.subList(3, 6));
        assertThat(second.path("version").asLong()).isEqualTo(2);
        JsonNode third = ok(api.get(path + "&after=" + second.path("next").asText(), ada));
        assertThat(longs(third.path("items"), "trackId")).containsExactly(all.get(6));
        assertThat(third.path("next").isNull()).isTrue();
    }

    @Test
    void m3u8ExportWritesExtinfLinesAndPathsRelativeToTheLibraryOrAbsolute() {
        long id = create(ada, Map.of("name", "Export me", "trackIds", List.of(catalog.track("Sky 2"), catalog.track("Far 2"))));
        ApiHarness.Answer relative = api.get("v1/user/playlists/" + id + "/m3u8", ada);
        assertThat(relative.status()).isEqualTo(200);
        assertThat(relative.header("Content-Type")).startsWith("audio/x-mpegurl");
        assertThat(new String(relative.bytes(), StandardCharsets.UTF_8)).isEqualTo("#EXTM3U\n#PLAYLIST:Export me\n"
                + "#EXTINF:120,Band - Sky 2\nBand/Sky/2.mp3\n#EXTINF:1,Away - Far 2\nFar/2.mp3\n");
        String absolute = api.get("v1/user/playlists/" + id + "/m3u8?paths=absolute", ada).body();
        assertThat(absolute).contains("\n" + api.musicRoot + "/Band/Sky/2.mp3\n").contains("\n" + catalog.other + "/Far/2.mp3\n");
    }
}
