package dev.resonance.impl.sync;

import dev.resonance.impl.events.EventLog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.sync.bus.BusMessage;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Likes, settings, catch-up, snapshot and permission events through the whole REST API over the real PostgreSQL. */
class SyncApiTest {

    private static ApiHarness api;
    private static long trackId;
    private static long albumId;
    private static long artistId;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.createUser("admin", "admin-password", "admin");
        for (int t = 1; t <= 3; t++) {
            PropertiesTagReader.write(api.musicRoot.resolve("Alpha/Sky/" + t + ".mp3"), "title", "Sky " + t, "artist", "Alpha",
                    "album", "Sky", "albumartist", "Alpha", "track", Integer.toString(t));
        }
        api.scanMusic();
        String admin = api.accessToken("admin", "admin-password", "setup");
        JsonNode tracks = api.get("v1/content/tracks?limit=10", admin).json().path("items");
        trackId = tracks.get(0).path("id").asLong();
        albumId = api.get("v1/content/albums", admin).json().path("items").get(0).path("id").asLong();
        artistId = api.get("v1/content/artists", admin).json().path("items").get(0).path("id").asLong();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static ApiHarness.Answer put(String path, String token, String body) {
        return api.call("PUT", path, token, body == null ? null : "application/json", body);
    }

    private static ApiHarness.Answer delete(String path, String token) {
        return api.call("DELETE", path, token, null, null);
    }

    private static List<Long> seqs(JsonNode events) {
        return StreamSupport.stream(events.path("events").spliterator(), false).map(e -> e.path("seq").asLong()).toList();
    }

    @Test
    void likesAreIdempotentAndEveryRealChangeIsOneEvent() {
        api.createUser("liker", "liker-password", "regular");
        String phone = api.accessToken("liker", "liker-password", "phone");

        ApiHarness.Answer liked = put("v1/user/liked/track/" + trackId, phone, null);
        assertThat(liked.status()).as(liked.body()).isEqualTo(200);
        assertThat(liked.json().path("liked").asBoolean()).isTrue();
        assertThat(liked.json().path("seq").asLong()).isEqualTo(1);
        assertThat(put("v1/user/liked/track/" + trackId, phone, null).json().path("seq").asLong()).as("no second event").isEqualTo(1);
        assertThat(put("v1/user/liked/album/" + albumId, phone, null).json().path("seq").asLong()).isEqualTo(2);
        assertThat(put("v1/user/liked/artist/" + artistId, phone, null).json().path("seq").asLong()).isEqualTo(3);

        JsonNode list = api.get("v1/user/liked/track", phone).json();
        assertThat(list.path("items").get(0).path("id").asLong()).isEqualTo(trackId);
        assertThat(list.path("items").get(0).path("name").asText()).startsWith("Sky");

        assertThat(delete("v1/user/liked/track/" + trackId, phone).json().path("seq").asLong()).isEqualTo(4);
        ApiHarness.Answer again = delete("v1/user/liked/track/" + trackId, phone);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("liked").asBoolean()).isFalse();
        assertThat(again.json().path("seq").asLong()).isEqualTo(4);
        assertThat(api.get("v1/user/liked/track", phone).json().path("items")).isEmpty();

        JsonNode events = api.get("v1/sync/events?since=0", phone).json();
        assertThat(seqs(events)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.path("events").get(0).path("type").asText()).isEqualTo("like.added");
        assertThat(events.path("events").get(0).at("/payload/type").asText()).isEqualTo("track");
        assertThat(events.path("events").get(3).path("type").asText()).isEqualTo("like.removed");
        assertThat(events.path("currentSeq").asLong()).isEqualTo(4);
    }

    @Test
    void likingWhatDoesNotExistOrAnUnknownKindIsA404() {
        api.createUser("bad-liker", "liker-password", "regular");
        String token = api.accessToken("bad-liker", "liker-password", "web");
        assertThat(put("v1/user/liked/track/987654", token, null).status()).isEqualTo(404);
        ApiHarness.Answer kind = put("v1/user/liked/playlist/1", token, null);
        assertThat(kind.status()).isEqualTo(404);
        assertThat(kind.json().at("/error/message").asText()).contains("track, album or artist");
        assertThat(put("v1/user/liked/track/abc", token, null).status()).isEqualTo(404);
        assertThat(api.get("v1/sync/events?since=0", token).json().path("events")).isEmpty();
        assertThat(api.get("v1/user/liked/track?after=garbage!", token).status()).isEqualTo(400);
    }

    @Test
    void settingsAreValidatedAndOnlyRealChangesAreEvents() {
        api.createUser("tuner", "tuner-password", "regular");
        String token = api.accessToken("tuner", "tuner-password", "web");
        JsonNode defaults = api.get("v1/user/settings", token).json();
        assertThat(defaults.at("/settings/ui.theme").asText()).isEqualTo("system");
        assertThat(defaults.at("/settings/playback.gapless").asBoolean()).isTrue();

        ApiHarness.Answer unknown = put("v1/user/settings", token, "{\"ui.theme\":\"dark\",\"stream.wifiQuality\":\"high\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("unknown_setting");
        assertThat(put("v1/user/settings", token, "{\"playback.crossfadeSeconds\":99}").errorCode()).isEqualTo("invalid_setting");
        assertThat(put("v1/user/settings", token, "{\"playback.replayGain\":\"loud\"}").errorCode()).isEqualTo("invalid_setting");
        assertThat(put("v1/user/settings", token, "{\"eq.bands\":[1,2,3]}").errorCode()).isEqualTo("invalid_setting");
        assertThat(put("v1/user/settings", token, "[1]").status()).isEqualTo(400);
        assertThat(put("v1/user/settings", token, "{}").status()).isEqualTo(400);
        assertThat(api.get("v1/user/settings", token).json().at("/settings/ui.theme").asText()).as("nothing written").isEqualTo("system");

        JsonNode changed = put("v1/user/settings", token, "{\"ui.theme\":\"dark\",\"playback.crossfadeSeconds\":5,\"playback.gapless\":true}").json();
        assertThat(changed.at("/settings/ui.theme").asText()).isEqualTo("dark");
        assertThat(changed.path("seq").asLong()).isEqualTo(1);
        assertThat(put("v1/user/settings", token, "{\"ui.theme\":\"dark\"}").json().path("seq").asLong()).as("no change, no event").isEqualTo(1);
        assertThat(put("v1/user/settings", token, "{\"ui.theme\":null}").json().at("/settings/ui.theme").asText()).isEqualTo("system");

        JsonNode events = api.get("v1/sync/events?since=0", token).json().path("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).at("/payload/changed").fieldNames()).toIterable()
                .containsExactly("ui.theme", "playback.crossfadeSeconds"); // gapless was already true
        assertThat(events.get(1).at("/payload/changed/ui.theme").asText()).isEqualTo("system");
    }

    @Test
    void eventsArePushedOnTheBusWithTheSenderAsSourceSoItIsNotEchoed() {
        long userId = api.createUser("pusher", "pusher-password", "regular");
        String phone = api.accessToken("pusher", "pusher-password", "phone");
        long phoneDevice = api.get("v1/auth/session", phone).json().path("deviceId").asLong();
        List<BusMessage> seen = new CopyOnWriteArrayList<>();
        try (var subscription = api.bus.subscribe(userId, seen::add)) {
            put("v1/user/liked/track/" + trackId, phone, null);
        }
        assertThat(seen).hasSize(1);
        BusMessage message = seen.get(0);
        assertThat(message.sourceDevice()).isEqualTo(phoneDevice);
        assertThat(message.deliverableTo(phoneDevice)).isFalse();
        assertThat(message.deliverableTo(phoneDevice + 1)).isTrue();
        JsonNode frame = EventLog.tree(message.json());
        assertThat(frame.path("type").asText()).isEqualTo("event");
        assertThat(frame.at("/event/seq").asLong()).isEqualTo(1);
        assertThat(frame.at("/event/type").asText()).isEqualTo("like.added");
    }

    @Test
    void catchUpAfterPruningAnswers410PointingToTheSnapshot() {
        long userId = api.createUser("late", "late-password", "regular");
        String token = api.accessToken("late", "late-password", "web");
        put("v1/user/liked/track/" + trackId, token, null);
        put("v1/user/liked/album/" + albumId, token, null);
        put("v1/user/liked/artist/" + artistId, token, null);
        api.db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE user_events SET at = now() - interval '31 days' WHERE user_id = ? AND seq <= 2")) {
                ps.setLong(1, userId);
                return ps.executeUpdate();
            }
        });
        api.sync.sync().prune(java.time.Duration.ofDays(30));

        ApiHarness.Answer gone = api.get("v1/sync/events?since=1", token);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().at("/error/code").asText()).isEqualTo("snapshot_required");
        assertThat(gone.json().at("/error/snapshot").asText()).isEqualTo("/api/v1/sync/state");
        assertThat(seqs(api.get("v1/sync/events?since=2", token).json())).containsExactly(3L);
        assertThat(api.get("v1/sync/events?since=99", token).status()).isEqualTo(410);
        assertThat(api.get("v1/sync/events?since=-1", token).status()).isEqualTo(400);
        assertThat(api.get("v1/sync/events?since=x", token).status()).isLessThan(500);

        JsonNode state = api.get("v1/sync/state", token).json();
        assertThat(state.path("seq").asLong()).isEqualTo(3);
        assertThat(state.at("/likes/tracks/0").asLong()).isEqualTo(trackId);
        assertThat(state.at("/likes/albums/0").asLong()).isEqualTo(albumId);
        assertThat(state.at("/likes/artists/0").asLong()).isEqualTo(artistId);
        assertThat(state.at("/settings/ui.theme").asText()).isEqualTo("system");
        assertThat(state.path("permissions").toString()).contains("LikeContent");
        assertThat(state.path("devices")).hasSize(1);
        assertThat(state.path("playlists")).isEmpty();
        assertThat(state.at("/playback/queueVersion").asLong()).isZero();
    }

    @Test
    void grantingAndRevokingAPermissionIsAnEventOfThatUser() {
        long userId = api.createUser("promoted", "promoted-password", "regular");
        String admin = api.accessToken("admin", "admin-password", "admin-web");
        String token = api.accessToken("promoted", "promoted-password", "web");
        List<BusMessage> seen = new CopyOnWriteArrayList<>();
        try (var subscription = api.bus.subscribe(userId, seen::add)) {
            assertThat(api.post("v1/admin/users/" + userId + "/permissions/ViewAnalytics", admin, "{}").status()).isEqualTo(200);
            assertThat(api.call("DELETE", "v1/admin/users/" + userId + "/permissions/LikeContent", admin, null, null).status()).isEqualTo(200);
        }
        JsonNode events = api.get("v1/sync/events?since=0", token).json().path("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("type").asText()).isEqualTo("permissions.changed");
        assertThat(events.get(0).at("/payload/permission").asText()).isEqualTo("ViewAnalytics");
        assertThat(events.get(0).at("/payload/change").asText()).isEqualTo("granted");
        assertThat(events.get(0).at("/payload/permissions").toString()).contains("ViewAnalytics");
        assertThat(events.get(1).at("/payload/change").asText()).isEqualTo("revoked");
        assertThat(events.get(1).at("/payload/permissions").toString()).doesNotContain("LikeContent");
        assertThat(events.get(1).has("deviceId")).isTrue();
        assertThat(seen).hasSize(2);
        assertThat(seen).allSatisfy(m -> assertThat(m.sourceDevice()).isNull());
        // and the revocation is effective at once
        assertThat(put("v1/user/liked/track/" + trackId, token, null).status()).isEqualTo(403);
    }
}
