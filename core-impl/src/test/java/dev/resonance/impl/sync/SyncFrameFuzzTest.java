package dev.resonance.impl.sync;

import dev.resonance.impl.events.EventLog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile frames for every client message type of the sync socket (docs/sync-protocol.md: auth, ping,
 * device.announce, playback.state, playback.command, playback.transfer, and types that do not exist), straight into
 * {@link SyncSession}s of a real {@link SyncHub} over the real PostgreSQL. No frame may earn an {@code internal_error},
 * every server frame is a JSON object with a type, every error names a code and a message and leaks nothing, and a
 * socket closed for misbehaving is replaced by a fresh one that works. Deterministic by seed.
 */
class SyncFrameFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    static final int FRAMES = Integer.getInteger("fuzz.frames", 4_000);

    private static ApiHarness api;
    private static SyncHub hub;
    private static final List<Long> ids = new ArrayList<>();
    private static String token;
    private static String otherUsersToken;

    /** Every frame the server sent, synchronously (the hub sends on the calling thread when nothing is queued). */
    static final class Frames implements SyncSession.Transport {
        final List<String> sent = new ArrayList<>();
        volatile int closedWith;

        @Override
        public synchronized void send(String text, Consumer<Throwable> done) {
            sent.add(text);
            done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        synchronized List<String> drain() {
            List<String> out = List.copyOf(sent);
            sent.clear();
            return out;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.createUser("player", "password-123", "regular");
        api.createUser("stranger", "password-123", "regular");
        PropertiesTagReader.write(api.musicRoot.resolve("A/B/1.mp3"), "title", "One", "artist", "A", "album", "B");
        PropertiesTagReader.write(api.musicRoot.resolve("A/B/2.mp3"), "title", "Two", "artist", "A", "album", "B");
        api.scanMusic();
        token = api.accessToken("player", "password-123", "phone");
        String laptop = api.accessToken("player", "password-123", "laptop");
        otherUsersToken = api.accessToken("stranger", "password-123", "elsewhere");
        for (JsonNode track : api.get("v1/content/tracks", token).json().path("items")) {
            ids.add(track.path("id").asLong());
        }
        ids.add(api.get("v1/auth/session", token).json().path("deviceId").asLong());
        ids.add(api.get("v1/auth/session", laptop).json().path("deviceId").asLong());
        ids.add(api.get("v1/auth/session", otherUsersToken).json().path("deviceId").asLong());
        ids.sort(null); // the scan reads on two threads, so which id a track gets varies: the campaign sees them in order
        hub = new SyncHub(api.auth::authenticate, api.db, api.sync.sync(), new PlaybackService(api.db, api.sync.sync(), Clock.systemUTC()),
                // generous rate so the campaign is not all rate_limited; strikes and sizes as in production
                new SyncHub.Limits(64 * 1024, 1_000_000, 512, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(2), 5),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        hub.close();
        api.close();
    }

    private record Socket(Frames frames, SyncSession session) {
    }

    private static Socket open(Random random) {
        Frames frames = new Frames();
        boolean byQuery = random.nextInt(4) > 0;
        SyncSession session = hub.open(frames, byQuery ? Optional.of(token) : Optional.empty());
        if (!byQuery) {
            session.onText("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        }
        return new Socket(frames, session);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion
    void hostileFramesNeverBreakASocketOrTheHub() throws Exception {
        Random random = new Random(SEED);
        System.out.println("fuzz: sync frames, seed " + SEED + ", " + FRAMES + " frames");
        Map<String, Integer> perType = new TreeMap<>();
        Map<String, Integer> replies = new TreeMap<>();
        Map<Integer, Integer> closes = new TreeMap<>();
        Map<String, String> findings = new LinkedHashMap<>();
        long fingerprint = 17;
        Socket socket = open(random);
        for (int i = 0; i < FRAMES; i++) {
            String type = TYPES.get(i % TYPES.size());
            String frame = new FrameFuzzer(random).frame(type);
            perType.merge(type, 1, Integer::sum);
            socket.session().onText(frame);
            for (String sent : socket.frames().drain()) {
                String problem = problem(sent);
                JsonNode reply = problem == null ? EventLog.tree(sent) : ApiHarness.JSON.createObjectNode().put("type", "?");
                String kind = reply.path("type").asText() + (reply.has("code") ? " " + reply.path("code").asText() : "");
                replies.merge(kind, 1, Integer::sum);
                fingerprint = fingerprint * 31 + kind.hashCode(); // types and codes: times and positions vary
                if (problem != null) {
                    findings.putIfAbsent(type + ": " + problem, abbreviate(frame) + " → " + abbreviate(sent));
                }
            }
            if (!socket.session().isOpen()) {
                closes.merge(socket.frames().closedWith, 1, Integer::sum);
                socket = open(random);
            }
        }
        for (Map.Entry<String, Integer> entry : perType.entrySet()) {
            System.out.println("fuzz:   frame type " + entry.getKey() + " × " + entry.getValue());
        }
        System.out.println("fuzz: replies " + replies + ", closes " + closes);
        findings.forEach((finding, example) -> System.out.println("fuzz: FINDING " + finding + "\n        e.g. " + example));
        System.out.println("fuzz: reply types and codes in order hash to " + Long.toHexString(fingerprint) + " (the same seed gives the same hash)");
        System.out.println("fuzz: " + FRAMES + " frames, seed " + SEED + ", " + perType.size() + " frame types, findings " + findings.size());
        assertThat(findings).as("findings (see the fuzz: FINDING lines)").isEmpty();
        assertThat(closes.keySet()).as("sockets closed only the documented ways").isSubsetOf(1008, 1009, 4401);

        // the hub still works: a fresh socket connects and answers a ping and a valid playback report
        Socket fresh = open(random);
        fresh.frames().drain();
        fresh.session().onText("{\"type\":\"ping\",\"id\":1}");
        assertThat(fresh.frames().drain()).anySatisfy(f -> assertThat(EventLog.tree(f).path("type").asText()).isEqualTo("pong"));
        fresh.session().onText("{\"type\":\"device.announce\",\"id\":2,\"capabilities\":{\"playback\":true}}");
        assertThat(fresh.frames().drain()).anySatisfy(f -> assertThat(EventLog.tree(f).path("type").asText()).isEqualTo("ack"));
        assertThat(fresh.session().isOpen()).isTrue();
        fresh.session().close(SyncSession.NORMAL, "done");
        socket.session().close(SyncSession.NORMAL, "done");
        assertThat(api.get("v1/sync/state", token).status()).isEqualTo(200);
    }

    static final List<String> TYPES = List.of("auth", "ping", "device.announce", "playback.state", "playback.command",
            "playback.transfer", "unknown", "raw");

    static String problem(String sent) {
        for (String leak : List.of("Exception", "at dev.", "at java.", "org.postgresql", "SQLState", "$argon2", "java.")) {
            if (sent.contains(leak)) {
                return "the frame holds '" + leak + "'";
            }
        }
        JsonNode frame;
        try {
            frame = ApiHarness.JSON.readTree(sent);
        } catch (Exception e) {
            return "a frame that is not JSON";
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isTextual()) {
            return "a frame without a type";
        }
        if (frame.path("type").asText().equals("error")) {
            if (!frame.path("code").isTextual() || !frame.path("message").isTextual()) {
                return "an error frame without code and message";
            }
            if (frame.path("code").asText().equals("internal_error")) {
                return "internal_error";
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + ")" : text;
    }

    /** One hostile frame of a type; every choice comes from the campaign's {@link Random}. */
    static final class FrameFuzzer {
        static final List<String> TEXT = List.of("", "x", "\u0000", "a\u0001b", "\u007f", "١", "１", "𝟙", "..", "null",
                "' OR 1=1 --", "<script>", "${jndi:x}", "x".repeat(1001), "y".repeat(70_000), "\uD800", "\u2028",
                "off", "all", "one", "ALL", "play", "pause", "seek", "next", "previous", "volume", "setQueue", "teleport");
        static final List<String> NUMBERS = List.of("0", "-1", "1", "2", "3", "100", "101", "2147483648", "9223372036854775807",
                "9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "1.5", "-0.0", "1e-300", "99999999999999999999999");
        static final List<String> FIELDS = List.of("id", "token", "capabilities", "trackId", "positionMs", "playing", "volume",
                "shuffle", "repeat", "queue", "queueVersion", "queueIndex", "command", "target", "play", "extra", "type");

        private final Random random;

        FrameFuzzer(Random random) {
            this.random = random;
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private String value() {
            return switch (random.nextInt(9)) {
                case 0 -> "\"" + escape(pick(TEXT)) + "\"";
                case 1, 2 -> pick(NUMBERS);
                case 3 -> String.valueOf(pick(ids));
                case 4 -> pick(List.of("true", "false", "null", "[]", "{}", "\"\""));
                case 5 -> {
                    int size = pick(List.of(1, 3, 33, 10_001));
                    StringBuilder array = new StringBuilder("[");
                    for (int i = 0; i < size; i++) {
                        array.append(i > 0 ? "," : "").append(i % 3 == 0 ? String.valueOf(pick(ids)) : i % 3 == 1 ? "\"x\"" : "-1");
                    }
                    yield array.append(']').toString();
                }
                case 6 -> {
                    int entries = pick(List.of(1, 5, 33, 200));
                    StringBuilder object = new StringBuilder("{");
                    for (int i = 0; i < entries; i++) {
                        object.append(i > 0 ? "," : "").append('"').append(i % 7 == 0 ? "\\u0000" : "k" + i).append("\":")
                                .append(i % 2 == 0 ? "true" : "\"" + escape(pick(TEXT)) + "\"");
                    }
                    yield object.append('}').toString();
                }
                case 7 -> "\"" + pick(List.of("opus", "flac", "mp3")) + "\"";
                default -> "{\"a\":".repeat(pick(List.of(10, 2_000))) + "1" + "}".repeat(random.nextBoolean() ? 10 : 2_000);
            };
        }

        String frame(String type) {
            if (type.equals("raw")) {
                return pick(List.of("", "not json", "[1,2]", "null", "42", "\"ping\"", "{", "{\"type\":}", "{\"type\":1}",
                        "{\"type\":null}", "{\"type\":[\"ping\"]}", "{\"type\":\"ping\",\"type\":\"auth\"}", "{}{}",
                        "[".repeat(5_000), "{\"type\":\"ping\"" + ",\"pad\":\"x\"".repeat(10) + "}", "\uFEFF{\"type\":\"ping\"}",
                        "{\"type\":\"ping\",\"id\":" + "9".repeat(400) + "}"));
            }
            String name = type.equals("unknown") ? pick(List.of("teleport", "PING", "ping ", "ping\u0000", "", "event",
                    "ack", "error", "connected", "playback", "playback.state.x", "x".repeat(2000))) : type;
            StringBuilder frame = new StringBuilder("{\"type\":\"").append(escape(name)).append('"');
            int fields = 1 + random.nextInt(4);
            for (int f = 0; f < fields; f++) {
                String field = random.nextInt(4) == 0 ? pick(FIELDS) : typicalField(type);
                String value = random.nextInt(4) == 0 ? typicalValue(field) : value();
                frame.append(",\"").append(field).append("\":").append(value);
            }
            String text = frame.append('}').toString();
            if (random.nextInt(12) == 0) {
                text = text.substring(0, random.nextInt(text.length())); // truncated
            }
            return text;
        }

        private String typicalField(String type) {
            return switch (type) {
                case "auth" -> "token";
                case "device.announce" -> "capabilities";
                case "playback.state" -> pick(List.of("trackId", "positionMs", "playing", "volume", "shuffle", "repeat", "queue",
                        "queueVersion", "queueIndex"));
                case "playback.command" -> pick(List.of("command", "target", "positionMs", "volume", "queue", "queueIndex", "queueVersion"));
                case "playback.transfer" -> pick(List.of("target", "play"));
                default -> "id";
            };
        }

        private String typicalValue(String field) {
            return switch (field) {
                case "token" -> "\"" + pick(List.of(token, otherUsersToken, token + "x", "", "a.b.c")) + "\"";
                case "trackId", "target" -> String.valueOf(pick(ids));
                case "command" -> "\"" + pick(List.of("play", "pause", "seek", "next", "previous", "volume", "setQueue")) + "\"";
                case "repeat" -> "\"" + pick(List.of("off", "all", "one")) + "\"";
                case "queue" -> "[" + pick(ids) + "," + pick(ids) + "]";
                case "playing", "shuffle", "play" -> "true";
                default -> String.valueOf(random.nextInt(101));
            };
        }

        private static String escape(String text) {
            StringBuilder out = new StringBuilder();
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
