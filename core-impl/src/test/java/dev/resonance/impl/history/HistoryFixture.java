package dev.resonance.impl.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.sync.PlayNotice;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A harness with a small scanned catalog for the history tests, and helpers to report plays through the API. */
final class HistoryFixture implements AutoCloseable {

    /** 200 s: a listen at 100 s heard. */
    static final long MID_MS = 200_000;
    /** 10 min: a listen at 4 min heard. */
    static final long LONG_MS = 600_000;
    /** 30 s: never a listen. */
    static final long SHORT_MS = 30_000;
    /** 31 s: a listen at 15.5 s heard. */
    static final long BRIEF_MS = 31_000;

    private static final AtomicInteger USERS = new AtomicInteger();

    final ApiHarness api = new ApiHarness();
    final Map<String, Long> tracks = new HashMap<>();
    final List<PlayNotice> notices = new CopyOnWriteArrayList<>();

    HistoryFixture() throws IOException {
        PropertiesTagReader.write(api.musicRoot.resolve("A/B/1.mp3"), "title", "Mid", "artist", "Alpha", "album", "Bravo", "track", "1",
                "duration", Long.toString(MID_MS), "genre", "Rock");
        PropertiesTagReader.write(api.musicRoot.resolve("A/B/2.mp3"), "title", "Long", "artist", "Alpha", "album", "Bravo", "track", "2",
                "duration", Long.toString(LONG_MS), "genre", "Rock");
        PropertiesTagReader.write(api.musicRoot.resolve("C/D/1.mp3"), "title", "Short", "artist", "Charlie", "album", "Delta", "track", "1",
                "duration", Long.toString(SHORT_MS), "genre", "Jazz");
        PropertiesTagReader.write(api.musicRoot.resolve("C/D/2.mp3"), "title", "Brief", "artist", "Charlie", "album", "Delta", "track", "2",
                "duration", Long.toString(BRIEF_MS), "genre", "Jazz");
        api.scanMusic();
        api.db.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT id, title FROM tracks")) {
                while (rs.next()) {
                    tracks.put(rs.getString(2), rs.getLong(1));
                }
            }
            return null;
        });
        assertThat(tracks).containsOnlyKeys("Mid", "Long", "Short", "Brief");
        api.played.add(notices::addAll);
        api.clock.freeze(); // heard time is measured on this clock: only the tests move it
    }

    long track(String title) {
        return tracks.get(title);
    }

    /** A user signed in on a device; the access token is renewed when the test's clock has moved past its life. */
    private record Session(String username, String device, String token, Instant issuedAt) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** A new regular user signed in on {@code device}: a handle for {@link #token} (and every helper here). */
    String user(String device) {
        String name = "listener" + USERS.incrementAndGet();
        api.createUser(name, "listener-password", "regular");
        return signIn(name, device);
    }

    /** A new administrator signed in on {@code device}: a handle. */
    String admin(String device) {
        String name = "admin" + USERS.incrementAndGet();
        api.createUser(name, "listener-password", "admin");
        return signIn(name, device);
    }

    /** Another device of the user of {@code handle}: a handle. */
    String device(String handle, String device) {
        return signIn(sessions.get(handle).username(), device);
    }

    private String signIn(String username, String device) {
        String handle = username + "/" + device;
        sessions.put(handle, new Session(username, device, api.accessToken(username, "listener-password", device), api.clock.instant()));
        return handle;
    }

    /** A valid access token of the handle's user and device (signed in again once the old one is 10 minutes old). */
    String token(String handle) {
        Session session = sessions.get(handle);
        if (Duration.between(session.issuedAt(), api.clock.instant()).compareTo(Duration.ofMinutes(10)) > 0) {
            signIn(session.username(), session.device());
            session = sessions.get(handle);
        }
        return session.token();
    }

    Caller caller(String handle) {
        return api.auth.authenticate(token(handle)).orElseThrow();
    }

    ApiHarness.Answer get(String path, String handle) {
        return api.get(path, token(handle));
    }

    ApiHarness.Answer post(String path, String handle, Object body) {
        return api.post(path, token(handle), body);
    }

    ApiHarness.Answer call(String method, String path, String handle, String contentType, String body) {
        return api.call(method, path, token(handle), contentType, body);
    }

    ApiHarness.Answer report(String token, String title, String event, long positionMs) {
        return post("v1/user/plays", token, Map.of("trackId", track(title), "event", event, "positionMs", positionMs));
    }

    /** A report that must be accepted: its answer. */
    JsonNode reported(String token, String title, String event, long positionMs) {
        ApiHarness.Answer answer = report(token, title, event, positionMs);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    void advance(long millis) {
        api.clock.advance(java.time.Duration.ofMillis(millis));
    }

    /** The user's listens as the database has them: track title and source, newest first. */
    List<String> listens(String token) {
        long user = caller(token).userId();
        return api.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT t.title || ':' || l.source FROM listens l JOIN tracks t ON t.id = l.track_id"
                    + " WHERE l.user_id = ? ORDER BY l.started_at DESC, l.id DESC")) {
                ps.setLong(1, user);
                List<String> out = new java.util.ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /** The notices of the user of {@code token}, as "TYPE" strings, in order. */
    List<String> noticeTypes(String token) {
        long user = caller(token).userId();
        return notices.stream().filter(n -> n.userId() == user).map(n -> n.type().name()).toList();
    }

    @Override
    public void close() {
        api.close();
    }
}
