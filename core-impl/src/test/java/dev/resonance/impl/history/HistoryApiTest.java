package dev.resonance.impl.history;

import static dev.resonance.impl.history.HistoryFixture.BRIEF_MS;
import static dev.resonance.impl.history.HistoryFixture.MID_MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** History, stats, server analytics and ratings through the REST API, with a clock the test moves. */
class HistoryApiTest {

    private static HistoryFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new HistoryFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    /** One whole play of {@code title} (a listen unless too short), {@code lengthMs} long. */
    private static void listen(String token, String title, long lengthMs) {
        fx.reported(token, title, "started", 0);
        fx.advance(lengthMs);
        fx.reported(token, title, "finished", lengthMs);
    }

    private static List<String> names(JsonNode items, String field) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.path(field).asText() + "=" + i.path("listens").asLong()));
        return out;
    }

    @Test
    void historyIsNewestFirstPageByPageAndRecentlyPlayedListsEachTrackOnce() {
        String token = fx.user("phone");
        listen(token, "Mid", MID_MS);
        listen(token, "Brief", BRIEF_MS);
        listen(token, "Mid", MID_MS);
        listen(token, "Short", 30_000); // not a listen

        JsonNode first = fx.get("v1/user/history?limit=2", token).json();
        assertThat(first.path("items").findValuesAsText("title")).containsExactly("Mid", "Brief");
        assertThat(first.at("/items/0/listenedMs").asLong()).isEqualTo(MID_MS);
        assertThat(first.at("/items/0/source").asText()).isEqualTo("report");
        assertThat(first.at("/items/0/deviceName").asText()).isEqualTo("Test phone");
        assertThat(first.at("/items/0/album").asText()).isEqualTo("Bravo");
        JsonNode second = fx.get("v1/user/history?limit=2&after=" + first.path("next").asText(), token).json();
        assertThat(second.path("items").findValuesAsText("title")).containsExactly("Mid");
        assertThat(second.path("next").isNull() || second.path("next").isMissingNode()).isTrue();

        JsonNode recent = fx.get("v1/user/history/tracks", token).json();
        assertThat(recent.path("items").findValuesAsText("title")).containsExactly("Mid", "Brief");
        assertThat(recent.at("/items/0/playCount").asLong()).isEqualTo(2);
        JsonNode paged = fx.get("v1/user/history/tracks?limit=1", token).json();
        assertThat(fx.get("v1/user/history/tracks?limit=1&after=" + paged.path("next").asText(), token).json()
                .path("items").findValuesAsText("title")).containsExactly("Brief");

        JsonNode counts = fx.get("v1/user/stats/plays?ids=" + fx.track("Mid") + "," + fx.track("Short") + ",987654", token).json();
        assertThat(counts.path("items")).hasSize(2);
        assertThat(counts.at("/items/0/playCount").asLong()).isEqualTo(2);
        assertThat(counts.at("/items/0/lastPlayedAt").asText()).isNotEmpty();
        assertThat(counts.at("/items/1/playCount").asLong()).isZero();
        assertThat(counts.at("/items/1/lastPlayedAt").isMissingNode() || counts.at("/items/1/lastPlayedAt").isNull()).isTrue();

        for (String bad : List.of("v1/user/stats/plays", "v1/user/stats/plays?ids=1,x", "v1/user/stats/plays?ids=",
                "v1/user/history?after=garbage!", "v1/user/history?limit=0", "v1/user/stats/top?period=decade",
                "v1/user/stats/top?kind=moods", "v1/user/stats/summary?period=", "v1/user/stats/top?limit=501")) {
            ApiHarness.Answer answer = fx.get(bad, token);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.json().at("/error/code").asText()).as(bad).isNotEmpty();
        }
    }

    @Test
    void topsAndListeningTimeCountTheListensOfEachWindow() {
        String token = fx.user("phone");
        listen(token, "Brief", BRIEF_MS);                // 362 days ago
        fx.advance(Duration.ofDays(340).toMillis());
        listen(token, "Long", 300_000);                  // 22 days ago
        listen(token, "Long", 300_000);
        fx.advance(Duration.ofDays(21).toMillis());
        listen(token, "Mid", MID_MS);                    // now
        fx.advance(Duration.ofDays(1).toMillis());

        assertThat(names(top(token, "tracks", "week"), "name")).containsExactly("Mid=1");
        assertThat(names(top(token, "tracks", "month"), "name")).containsExactly("Long=2", "Mid=1");
        assertThat(names(top(token, "tracks", "year"), "name")).containsExactly("Long=2", "Brief=1", "Mid=1");
        assertThat(names(top(token, "tracks", "all"), "name")).containsExactly("Long=2", "Brief=1", "Mid=1");
        assertThat(names(top(token, "artists", "month"), "name")).containsExactly("Alpha=3");
        assertThat(names(top(token, "artists", "year"), "name")).containsExactly("Alpha=3", "Charlie=1");
        assertThat(names(top(token, "albums", "all"), "name")).containsExactly("Bravo=3", "Delta=1");
        assertThat(names(top(token, "genres", "year"), "name")).containsExactly("Rock=3", "Jazz=1");
        assertThat(fx.get("v1/user/stats/top?kind=tracks&period=all&limit=1", token).json().path("items")).hasSize(1);
        JsonNode week = fx.get("v1/user/stats/top?kind=tracks&period=week", token).json();
        Instant since = Instant.parse(week.path("since").asText());
        assertThat(Duration.between(since, Instant.parse(week.path("until").asText()))).isEqualTo(Duration.ofDays(7));

        JsonNode month = fx.get("v1/user/stats/summary?period=month", token).json();
        assertThat(month.path("listens").asLong()).isEqualTo(3);
        assertThat(month.path("listeningMs").asLong()).isEqualTo(600_000 + MID_MS);
        assertThat(month.path("tracks").asLong()).isEqualTo(2);
        JsonNode all = fx.get("v1/user/stats/summary?period=all", token).json();
        assertThat(all.path("listens").asLong()).isEqualTo(4);
        assertThat(all.path("listeningMs").asLong()).isEqualTo(600_000 + MID_MS + BRIEF_MS);
        assertThat(all.path("since").isNull()).as("all time: no start").isTrue();

        fx.advance(Duration.ofDays(7).toMillis());
        assertThat(top(token, "tracks", "week")).as("a week later, nothing this week").isEmpty();
        assertThat(fx.get("v1/user/stats/summary?period=week", token).json().path("listens").asLong()).isZero();
    }

    private static JsonNode top(String token, String kind, String period) {
        ApiHarness.Answer answer = fx.get("v1/user/stats/top?kind=" + kind + "&period=" + period, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("items");
    }

    @Test
    void aUserSeesOnlyTheirOwnHistoryAndOnlyTracksOfLibrariesTheyMaySee() {
        String ada = fx.user("phone");
        String bob = fx.user("phone");
        listen(ada, "Mid", MID_MS);
        assertThat(fx.get("v1/user/history", bob).json().path("items")).isEmpty();
        assertThat(fx.get("v1/user/history/tracks", bob).json().path("items")).isEmpty();
        assertThat(top(bob, "tracks", "all")).isEmpty();
        assertThat(fx.get("v1/user/stats/plays?ids=" + fx.track("Mid"), bob).json().at("/items/0/playCount").asLong()).isZero();

        long adaId = fx.caller(ada).userId();
        long other = fx.api.library.ensureLibrary("Other", fx.api.musicRoot.resolve("Nothing")).id();
        fx.api.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO user_library_access (user_id, library_id) VALUES (?, ?)")) {
                ps.setLong(1, adaId);
                ps.setLong(2, other);
                ps.executeUpdate();
            }
            return null;
        });
        try {
            assertThat(fx.get("v1/user/history", ada).json().path("items")).isEmpty();
            assertThat(fx.get("v1/user/history/tracks", ada).json().path("items")).isEmpty();
            assertThat(top(ada, "tracks", "all")).isEmpty();
            assertThat(top(ada, "artists", "month")).isEmpty();
            assertThat(fx.get("v1/user/stats/plays?ids=" + fx.track("Mid"), ada).json().path("items")).isEmpty();
            assertThat(fx.report(ada, "Mid", "started", 0).status()).isEqualTo(404);
            assertThat(fx.call("PUT", "v1/user/ratings/track/" + fx.track("Mid"), ada, "application/json", "{\"rating\":3}").status())
                    .isEqualTo(404);
            // the listening time is the user's own, whatever they may see now
            assertThat(fx.get("v1/user/stats/summary?period=all", ada).json().path("listens").asLong()).isEqualTo(1);
        } finally {
            fx.api.db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM user_library_access"));
        }
        assertThat(fx.get("v1/user/history", ada).json().path("items")).hasSize(1);
    }

    @Test
    void serverAnalyticsCountEveryonesListens() {
        String ada = fx.user("phone");
        String bob = fx.user("phone");
        String admin = fx.admin("desk");
        fx.advance(Duration.ofDays(400).toMillis()); // away from the other tests' listens
        listen(ada, "Long", 300_000);
        listen(bob, "Long", 300_000);
        listen(bob, "Mid", MID_MS);
        JsonNode week = fx.get("v1/admin/stats?period=week", admin).json();
        assertThat(week.path("listens").asLong()).isEqualTo(3);
        assertThat(week.path("activeUsers").asLong()).isEqualTo(2);
        assertThat(week.path("listeningMs").asLong()).isEqualTo(600_000 + MID_MS);
        assertThat(week.path("tracks").asLong()).isEqualTo(4);
        assertThat(week.path("users").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(names(week.path("topTracks"), "name")).containsExactly("Long=2", "Mid=1");
        JsonNode all = fx.get("v1/admin/stats?period=all", admin).json();
        assertThat(all.path("listens").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(all.path("topTracks").size()).isPositive();
        assertThat(fx.get("v1/admin/stats", ada).status()).isEqualTo(403);
        assertThat(fx.get("v1/admin/stats?period=never", admin).status()).isEqualTo(400);
    }

    @Test
    void ratingsAreIdempotentEventsAndInTheSnapshot() {
        String token = fx.user("phone");
        long mid = fx.track("Mid");
        String path = "v1/user/ratings/track/" + mid;
        JsonNode rated = put(path, token, "{\"rating\":4}").json();
        assertThat(rated.path("rating").asInt()).isEqualTo(4);
        assertThat(rated.path("seq").asLong()).isEqualTo(1);
        assertThat(put(path, token, "{\"rating\":4}").json().path("seq").asLong()).as("no change, no event").isEqualTo(1);
        assertThat(put(path, token, "{\"rating\":5}").json().path("seq").asLong()).isEqualTo(2);
        long album = fx.api.db.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT id FROM albums WHERE title = 'Bravo'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        put("v1/user/ratings/album/" + album, token, "{\"rating\":2}");

        JsonNode snapshot = fx.get("v1/sync/state", token).json();
        assertThat(snapshot.at("/ratings/tracks/0/id").asLong()).isEqualTo(mid);
        assertThat(snapshot.at("/ratings/tracks/0/rating").asInt()).isEqualTo(5);
        assertThat(snapshot.at("/ratings/albums/0/rating").asInt()).isEqualTo(2);
        assertThat(snapshot.at("/ratings/artists")).isEmpty();

        JsonNode list = fx.get("v1/user/ratings/track", token).json();
        assertThat(list.at("/items/0/name").asText()).isEqualTo("Mid");
        assertThat(list.at("/items/0/rating").asInt()).isEqualTo(5);

        assertThat(put(path, token, "{\"rating\":0}").json().path("seq").asLong()).isEqualTo(4);
        ApiHarness.Answer removed = fx.call("DELETE", path, token, null, null);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("rating").asInt()).isZero();
        assertThat(removed.json().path("seq").asLong()).as("already none: no event").isEqualTo(4);
        assertThat(fx.get("v1/user/ratings/track", token).json().path("items")).isEmpty();

        JsonNode events = fx.get("v1/sync/events?since=0", token).json().path("events");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("rating.changed", "rating.changed", "rating.changed", "rating.changed");
        assertThat(events.get(3).at("/payload/rating").asInt()).isZero();
        assertThat(events.get(3).at("/payload/type").asText()).isEqualTo("track");

        for (String body : List.of("{\"rating\":6}", "{\"rating\":-1}", "{\"rating\":\"x\"}", "{}", "not json", "{\"rating\":1,\"x\":1}",
                "[4]")) {
            ApiHarness.Answer answer = put(path, token, body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().at("/error/code").asText()).as(body).isNotEmpty();
        }
        assertThat(put("v1/user/ratings/track/987654", token, "{\"rating\":3}").status()).isEqualTo(404);
        assertThat(put("v1/user/ratings/playlist/1", token, "{\"rating\":3}").status()).isEqualTo(404);
        assertThat(fx.get("v1/user/ratings/track?after=garbage!", token).status()).isEqualTo(400);
    }

    @Test
    void ratingsListPageByPage() {
        String token = fx.user("phone");
        for (String title : List.of("Mid", "Long", "Brief")) {
            put("v1/user/ratings/track/" + fx.track(title), token, "{\"rating\":3}");
            fx.advance(1000);
        }
        JsonNode first = fx.get("v1/user/ratings/track?limit=2", token).json();
        assertThat(first.path("items").findValuesAsText("name")).hasSize(2);
        JsonNode rest = fx.get("v1/user/ratings/track?limit=2&after=" + first.path("next").asText(), token).json();
        List<String> all = new ArrayList<>(first.path("items").findValuesAsText("name"));
        all.addAll(rest.path("items").findValuesAsText("name"));
        assertThat(all).containsExactlyInAnyOrder("Mid", "Long", "Brief");
    }

    private static ApiHarness.Answer put(String path, String token, String body) {
        return fx.call("PUT", path, token, "application/json", body);
    }
}
