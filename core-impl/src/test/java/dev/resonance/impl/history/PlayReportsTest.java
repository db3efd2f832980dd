package dev.resonance.impl.history;

import static dev.resonance.impl.history.HistoryFixture.BRIEF_MS;
import static dev.resonance.impl.history.HistoryFixture.LONG_MS;
import static dev.resonance.impl.history.HistoryFixture.MID_MS;
import static dev.resonance.impl.history.HistoryFixture.SHORT_MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.impl.sync.PlayNotice;
import dev.resonance.impl.sync.PlaybackFeed;
import dev.resonance.impl.sync.PlaybackService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The play-report API ({@code POST /api/v1/user/plays}) over the real PostgreSQL with the harness's movable clock: the
 * listen rule at its edges, one listen per play across nodes, and no double counting with Connect.
 */
class PlayReportsTest {

    private static HistoryFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new HistoryFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void aTrackOf30SecondsIsNeverAListenEvenPlayedToTheEnd() {
        String token = fx.user("phone");
        fx.reported(token, "Short", "started", 0);
        fx.advance(SHORT_MS);
        JsonNode finished = fx.reported(token, "Short", "finished", SHORT_MS);
        assertThat(finished.path("playedMs").asLong()).isEqualTo(SHORT_MS);
        assertThat(finished.path("listen").asBoolean()).isFalse();
        assertThat(fx.listens(token)).isEmpty();
        assertThat(fx.noticeTypes(token)).containsExactly("STARTED", "FINISHED");
    }

    @Test
    void aTrackOf31SecondsIsAListenAtHalfOfIt() {
        String token = fx.user("phone");
        fx.reported(token, "Brief", "started", 0);
        fx.advance(15_000);
        assertThat(fx.reported(token, "Brief", "progress", 15_000).path("listen").asBoolean()).isFalse();
        fx.advance(500);
        assertThat(fx.reported(token, "Brief", "progress", 15_500).path("listen").asBoolean()).as("15.5 s of 31 s").isTrue();
        assertThat(fx.listens(token)).containsExactly("Brief:report");
    }

    @Test
    void halfOfAShortTrackOrFourMinutesOfALongOneMakesAListen() {
        String token = fx.user("phone");
        fx.reported(token, "Mid", "started", 0);
        fx.advance(MID_MS / 2 - 1000);
        assertThat(fx.reported(token, "Mid", "progress", MID_MS / 2 - 1000).path("listen").asBoolean()).isFalse();
        fx.advance(1000);
        JsonNode half = fx.reported(token, "Mid", "progress", MID_MS / 2);
        assertThat(half.path("listen").asBoolean()).isTrue();
        assertThat(half.path("playedMs").asLong()).isEqualTo(MID_MS / 2);

        fx.reported(token, "Long", "started", 0); // ends Mid (skipped) and starts Long
        fx.advance(239_000);
        assertThat(fx.reported(token, "Long", "progress", 239_000).path("listen").asBoolean()).isFalse();
        fx.advance(1000);
        assertThat(fx.reported(token, "Long", "progress", 240_000).path("listen").asBoolean()).as("4 minutes, not half of 10").isTrue();
        assertThat(fx.listens(token)).containsExactly("Long:report", "Mid:report");
        // progress at most every 10 s: the report one second later only qualifies
        assertThat(fx.noticeTypes(token)).containsExactly("STARTED", "PROGRESSED", "QUALIFIED", "SKIPPED", "STARTED", "PROGRESSED",
                "QUALIFIED");
    }

    @Test
    void aSeekForwardEarnsNothingAndTheEndIsWhatThePlayerSaid() {
        String token = fx.user("phone");
        fx.reported(token, "Mid", "started", 0);
        fx.advance(5_000);
        JsonNode seeked = fx.reported(token, "Mid", "progress", 150_000); // jumped 145 s ahead in 5 s
        assertThat(seeked.path("playedMs").asLong()).isEqualTo(5_000);
        fx.advance(5_000);
        JsonNode finished = fx.reported(token, "Mid", "finished", MID_MS);
        assertThat(finished.path("playedMs").asLong()).isEqualTo(10_000);
        assertThat(finished.path("listen").asBoolean()).isFalse();
        assertThat(fx.listens(token)).isEmpty();
        assertThat(fx.noticeTypes(token)).last().isEqualTo("FINISHED");
    }

    @Test
    void timePausedIsNotHeardAndResumingGoesOn() {
        String token = fx.user("phone");
        fx.reported(token, "Mid", "started", 0);
        fx.advance(60_000);
        assertThat(fx.reported(token, "Mid", "paused", 60_000).path("playedMs").asLong()).isEqualTo(60_000);
        fx.advance(3_600_000); // an hour on pause
        JsonNode resumed = fx.reported(token, "Mid", "resumed", 60_000);
        assertThat(resumed.path("playedMs").asLong()).isEqualTo(60_000);
        fx.advance(40_000);
        assertThat(fx.reported(token, "Mid", "progress", 100_000).path("listen").asBoolean()).isTrue();
        assertThat(fx.noticeTypes(token)).containsExactly("STARTED", "PAUSED", "RESUMED", "PROGRESSED", "QUALIFIED");
    }

    @Test
    void aDeviceGoneSilentIsCreditedAtMostTheRestOfTheTrack() {
        String token = fx.user("phone");
        fx.reported(token, "Mid", "started", 0);
        fx.advance(3_600_000);
        JsonNode late = fx.reported(token, "Mid", "progress", 10_000);
        assertThat(late.path("playedMs").asLong()).isEqualTo(MID_MS);
    }

    @Test
    void aPlayIsOneListenHoweverOftenItsEndIsReported() {
        String token = fx.user("phone");
        fx.reported(token, "Mid", "started", 0);
        fx.advance(MID_MS);
        JsonNode finished = fx.reported(token, "Mid", "finished", MID_MS);
        assertThat(finished.path("listen").asBoolean()).isTrue();
        assertThat(finished.path("playedMs").asLong()).isEqualTo(MID_MS);
        JsonNode again = fx.reported(token, "Mid", "finished", MID_MS);
        assertThat(again.path("listen").asBoolean()).isFalse();
        assertThat(fx.reported(token, "Mid", "skipped", MID_MS).path("listen").asBoolean()).isFalse();
        assertThat(fx.listens(token)).containsExactly("Mid:report");
        assertThat(fx.noticeTypes(token)).containsExactly("STARTED", "FINISHED", "QUALIFIED");
        assertThat(listenedMs(token)).as("the listen keeps what was heard").isEqualTo(MID_MS);
        long playCount = fx.get("v1/user/stats/plays?ids=" + fx.track("Mid"), token).json().at("/items/0/playCount").asLong();
        assertThat(playCount).isEqualTo(1);

        // started again: a new play of the same track, a second listen
        fx.reported(token, "Mid", "started", 0);
        fx.advance(MID_MS / 2);
        fx.reported(token, "Mid", "progress", MID_MS / 2);
        assertThat(fx.listens(token)).containsExactly("Mid:report", "Mid:report");
        assertThat(fx.get("v1/user/stats/plays?ids=" + fx.track("Mid"), token).json().at("/items/0/playCount").asLong()).isEqualTo(2);
    }

    @Test
    void aListenRaisesItsHeardTimeWhenThePlayEnds() {
        String token = fx.user("phone");
        fx.reported(token, "Mid", "started", 0);
        fx.advance(MID_MS / 2);
        fx.reported(token, "Mid", "progress", MID_MS / 2);
        assertThat(listenedMs(token)).isEqualTo(MID_MS / 2);
        fx.advance(30_000);
        fx.reported(token, "Mid", "skipped", MID_MS / 2 + 30_000);
        assertThat(listenedMs(token)).isEqualTo(MID_MS / 2 + 30_000);
        assertThat(fx.noticeTypes(token)).last().isEqualTo("SKIPPED");
    }

    @Test
    void eachListenIsAnEventOfTheUser() {
        String token = fx.user("phone");
        fx.reported(token, "Mid", "started", 0);
        fx.advance(MID_MS);
        fx.reported(token, "Mid", "finished", MID_MS);
        JsonNode events = fx.get("v1/sync/events?since=0", token).json().path("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("type").asText()).isEqualTo("listen.added");
        assertThat(events.get(0).at("/payload/trackId").asLong()).isEqualTo(fx.track("Mid"));
        assertThat(events.get(0).at("/payload/playCount").asLong()).isEqualTo(1);
        assertThat(events.get(0).at("/payload/source").asText()).isEqualTo("report");
    }

    @Test
    void devicesOfOneUserPlayOnTheirOwn() {
        String phone = fx.user("phone");
        String laptop = fx.device(phone, "laptop");
        fx.reported(phone, "Mid", "started", 0);
        fx.reported(laptop, "Long", "started", 0);
        fx.advance(MID_MS / 2);
        assertThat(fx.reported(phone, "Mid", "progress", MID_MS / 2).path("listen").asBoolean()).isTrue();
        assertThat(fx.reported(laptop, "Long", "progress", MID_MS / 2).path("playedMs").asLong()).isEqualTo(MID_MS / 2);
        assertThat(fx.listens(phone)).containsExactly("Mid:report");
    }

    @Test
    void twoNodesSharingTheDatabaseMakeOneListenOfOnePlay() throws Exception {
        String token = fx.user("phone");
        Caller caller = fx.caller(token);
        List<PlayNotice> onNode1 = new CopyOnWriteArrayList<>();
        List<PlayNotice> onNode2 = new CopyOnWriteArrayList<>();
        PlaybackFeed feed1 = new PlaybackFeed();
        PlaybackFeed feed2 = new PlaybackFeed();
        feed1.add(onNode1::addAll);
        feed2.add(onNode2::addAll);
        PlayReportService node1 = new PlayReportService(fx.api.db, (u, e) -> { }, feed1, fx.api.clock);
        PlayReportService node2 = new PlayReportService(fx.api.db, (u, e) -> { }, feed2, fx.api.clock);
        long mid = fx.track("Mid");

        node1.report(caller, new PlayReportService.PlayReport(mid, "started", 0L));
        fx.advance(MID_MS / 2);
        // both nodes take a report that makes the play a listen, at once
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<PlayReportService.Reported>> answers = new ArrayList<>();
            for (PlayReportService node : List.of(node1, node2)) {
                answers.add(threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return node.report(caller, new PlayReportService.PlayReport(mid, "progress", MID_MS / 2));
                }));
            }
            for (Future<PlayReportService.Reported> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).listen()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        fx.advance(MID_MS / 2);
        node2.report(caller, new PlayReportService.PlayReport(mid, "finished", MID_MS));

        assertThat(fx.listens(token)).containsExactly("Mid:report");
        List<PlayNotice> all = new ArrayList<>(onNode1);
        all.addAll(onNode2);
        assertThat(all.stream().filter(n -> n.type().name().equals("QUALIFIED"))).hasSize(1);
        assertThat(all.stream().filter(n -> n.type().name().equals("STARTED"))).hasSize(1);
        assertThat(onNode1.get(0).type().name()).isEqualTo("STARTED");
        assertThat(onNode2.get(onNode2.size() - 1).type().name()).as("the end through the other node").isEqualTo("FINISHED");
    }

    @Test
    void aPlayThatConnectCountsIsAcceptedButNotCountedAgain() {
        String token = fx.user("speaker");
        Caller caller = fx.caller(token);
        List<PlayNotice> connectNotices = new CopyOnWriteArrayList<>();
        PlaybackFeed connectFeed = new PlaybackFeed();
        connectFeed.add(connectNotices::addAll);
        PlaybackService connect = new PlaybackService(fx.api.db, fx.api.sync.sync(), fx.api.clock, connectFeed);
        long mid = fx.track("Mid");

        // the device plays Mid through Connect and reports the same play through the play API
        connect.report(caller, dev.resonance.impl.events.EventLog.tree("{\"trackId\":" + mid + ",\"positionMs\":0,\"playing\":true}"));
        JsonNode started = fx.reported(token, "Mid", "started", 0);
        assertThat(started.path("covered").asBoolean()).isTrue();
        fx.advance(MID_MS / 2);
        connect.report(caller, dev.resonance.impl.events.EventLog.tree("{\"positionMs\":" + MID_MS / 2 + "}"));
        JsonNode progress = fx.reported(token, "Mid", "progress", MID_MS / 2);
        assertThat(progress.path("covered").asBoolean()).isTrue();
        assertThat(progress.path("listen").asBoolean()).as("Connect's listen, not the report's").isFalse();
        // Connect moves on to another track; the report's play of Mid stays covered to its end
        connect.report(caller, dev.resonance.impl.events.EventLog.tree("{\"trackId\":" + fx.track("Long") + ",\"positionMs\":0}"));
        fx.advance(MID_MS / 2);
        fx.reported(token, "Mid", "finished", MID_MS);

        assertThat(fx.listens(token)).containsExactly("Mid:connect");
        assertThat(fx.noticeTypes(token)).as("plugins heard of the play once, from Connect").isEmpty();
        assertThat(connectNotices.stream().map(n -> n.type().name())).contains("STARTED", "QUALIFIED");
        assertThat(fx.get("v1/user/stats/plays?ids=" + mid, token).json().at("/items/0/playCount").asLong()).isEqualTo(1);

        // a report of another track than Connect's (or from another device) counts on its own
        JsonNode brief = fx.reported(token, "Brief", "started", 0);
        assertThat(brief.path("covered").asBoolean()).isFalse();
        fx.advance(BRIEF_MS);
        assertThat(fx.reported(token, "Brief", "finished", BRIEF_MS).path("listen").asBoolean()).isTrue();
        assertThat(fx.listens(token)).containsExactly("Brief:report", "Mid:connect");
    }

    @Test
    void connectPlaysAreListensWithCountsAndPopularity() {
        String token = fx.user("speaker");
        Caller caller = fx.caller(token);
        PlaybackService connect = new PlaybackService(fx.api.db, fx.api.sync.sync(), fx.api.clock, new PlaybackFeed());
        long longTrack = fx.track("Long");
        long before = popularity(longTrack);
        connect.report(caller, dev.resonance.impl.events.EventLog.tree("{\"trackId\":" + longTrack + ",\"positionMs\":0,\"playing\":true}"));
        fx.advance(240_000);
        connect.report(caller, dev.resonance.impl.events.EventLog.tree("{\"positionMs\":240000}"));
        fx.advance(60_000);
        connect.report(caller, dev.resonance.impl.events.EventLog.tree("{\"trackId\":" + fx.track("Mid") + ",\"positionMs\":0}"));
        assertThat(fx.listens(token)).containsExactly("Long:connect");
        assertThat(listenedMs(token)).as("raised to the whole play when it ended").isEqualTo(300_000);
        assertThat(popularity(longTrack)).isEqualTo(before + 1);
        JsonNode events = fx.get("v1/sync/events?since=0", token).json().path("events");
        assertThat(events.get(0).path("type").asText()).isEqualTo("listen.added");
        assertThat(events.get(0).at("/payload/source").asText()).isEqualTo("connect");
    }

    @Test
    void reportsOfTracksTheUserCannotSeeAre404AndWrongBodiesAre400() {
        String token = fx.user("phone");
        ApiHarness404(fx.post("v1/user/plays", token, "{\"trackId\":987654,\"event\":\"started\",\"positionMs\":0}"));
        for (String body : List.of("not json", "{\"trackId\":\"x\",\"event\":\"started\",\"positionMs\":0}",
                "{\"event\":\"started\",\"positionMs\":0}", "{\"trackId\":1,\"positionMs\":0}", "{\"trackId\":1,\"event\":\"started\"}",
                "{\"trackId\":1,\"event\":\"rewound\",\"positionMs\":0}", "{\"trackId\":1,\"event\":\"started\",\"positionMs\":-1}",
                "{\"trackId\":0,\"event\":\"started\",\"positionMs\":0}", "{\"trackId\":1,\"event\":\"started\",\"positionMs\":0,\"x\":1}",
                "[1]", "null", "{\"trackId\":1,\"event\":\"started\",\"positionMs\":1e999}")) {
            var answer = fx.post("v1/user/plays", token, body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().at("/error/code").asText()).as(body).isNotEmpty();
        }
        assertThat(fx.listens(token)).isEmpty();
    }

    @Test
    void aPlayHeardOfflineCountsAtItsTimeWhenItsReportsArriveLate() {
        String token = fx.user("phone");
        java.time.Instant started = fx.api.clock.instant().minus(java.time.Duration.ofHours(2));
        // played two hours ago with no connection; the queued reports arrive now, one right after another
        lateReport(token, "Mid", "started", 0, started);
        lateReport(token, "Mid", "progress", 60_000, started.plusSeconds(60));
        JsonNode finished = lateReport(token, "Mid", "finished", MID_MS, started.plusMillis(MID_MS));

        assertThat(finished.path("playedMs").asLong()).isEqualTo(MID_MS);
        assertThat(finished.path("listen").asBoolean()).isTrue();
        assertThat(java.time.Instant.parse(finished.path("serverTime").asText())).isEqualTo(fx.api.clock.instant());
        assertThat(fx.listens(token)).containsExactly("Mid:report");
        assertThat(listenStartedAt(token)).isEqualTo(started);
    }

    @Test
    void aLateReportCannotCreditMoreThanTheTimeSinceTheDevicesLastReportOrRunAhead() {
        String token = fx.user("phone");
        fx.reported(token, "Mid", "started", 0); // now, by the server's clock
        fx.advance(10_000);
        // an "at" an hour back: before the play in progress started, so it is taken as that report's time (nothing heard)
        JsonNode back = lateReport(token, "Mid", "progress", 150_000, fx.api.clock.instant().minus(java.time.Duration.ofHours(1)));
        assertThat(back.path("playedMs").asLong()).isZero();
        // an "at" a day ahead (a clock running fast) is now: 10 s heard, not a day
        JsonNode ahead = lateReport(token, "Mid", "paused", 160_000, fx.api.clock.instant().plus(java.time.Duration.ofDays(1)));
        assertThat(ahead.path("playedMs").asLong()).isEqualTo(10_000);
    }

    @Test
    void anAtThatIsNoInstantOrOlderThan30DaysIs400() {
        String token = fx.user("phone");
        long track = fx.track("Mid");
        for (String at : List.of("yesterday", "2026-12-04", "\"\"", "12")) {
            var answer = fx.post("v1/user/plays", token, "{\"trackId\":" + track + ",\"event\":\"started\",\"positionMs\":0,\"at\":"
                    + (at.startsWith("\"") || at.matches("\\d+") ? at : "\"" + at + "\"") + "}");
            assertThat(answer.status()).as(at).isEqualTo(400);
            assertThat(answer.json().at("/error/code").asText()).as(at).isNotEmpty();
        }
        var old = fx.post("v1/user/plays", token, java.util.Map.of("trackId", track, "event", "started", "positionMs", 0,
                "at", fx.api.clock.instant().minus(java.time.Duration.ofDays(31)).toString()));
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.body()).contains("30 days");
        assertThat(fx.listens(token)).isEmpty();
    }

    private static JsonNode lateReport(String token, String title, String event, long positionMs, java.time.Instant at) {
        var answer = fx.post("v1/user/plays", token, java.util.Map.of("trackId", fx.track(title), "event", event, "positionMs", positionMs,
                "at", at.toString()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static java.time.Instant listenStartedAt(String token) {
        long user = fx.caller(token).userId();
        return fx.api.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT started_at FROM listens WHERE user_id = ?")) {
                ps.setLong(1, user);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getTimestamp(1).toInstant();
                }
            }
        });
    }

    private static void ApiHarness404(dev.resonance.impl.auth.ApiHarness.Answer answer) {
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("not_found");
    }

    private static long listenedMs(String token) {
        long user = fx.caller(token).userId();
        return fx.api.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT max(listened_ms) FROM listens WHERE user_id = ?")) {
                ps.setLong(1, user);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static long popularity(long track) {
        return fx.api.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT coalesce(max(play_count), 0) FROM track_popularity WHERE track_id = ?")) {
                ps.setLong(1, track);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
