package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.testing.Ffmpeg;
import dev.resonance.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise "change anything at runtime without interrupting playback", on the real distribution: while one
 * client plays a long track directly at realtime speed, a second plays a live transcode, a third holds a
 * sync WebSocket and a light API load runs, every core PID is changed in turn (by editing its {@code etc/*.cfg}, as
 * an operator would) and a bundle contributing a REST resource and a servlet is hot-deployed and removed. The streamed
 * bytes are complete and exact, the transcode's ffmpeg is the same process throughout, the socket stays open and
 * still delivers, and not one API request fails. The reconfiguration table is docs/configuration.md.
 */
class LiveReconfigurationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int DIRECT_SECONDS = 40;
    private static final int TRANSCODE_SECONDS = 120;

    private static final String SCRAPE_TOKEN = "live-reconfiguration-scrape-token";
    private static final List<String> CORE_COMPONENTS = List.of("server-settings", "database", "http-access", "site", "api",
            "auth", "library", "stream", "bus", "sync", "playlists", "history", "plugins", "metrics", "graphql");

    @TempDir
    Path music;

    /** Each change: the file, the property and its new value, and the log line that says it was applied. */
    private record Change(String pid, String key, String value, String applied) {
    }

    /**
     * In an order that never edits one file twice in a row: Karaf's file install writes a configuration it applied
     * back to its file, and would overwrite an edit made to that file in the same moment.
     */
    private static final List<Change> CHANGES = List.of(
            new Change("resonance.core.auth", "corsOrigins", "https://app.example.org", "HTTP access reconfigured"),
            new Change("resonance.core.server", "httpPort", "8081", "Server settings reconfigured"),
            new Change("resonance.core.db", "maxPoolSize", "12", "Database pool reconfigured"),
            new Change("resonance.core.library", "watchDebounceSeconds", "4", "Library reconfigured"),
            new Change("resonance.core.auth", "accessTokenMinutes", "20", "Accounts reconfigured"),
            new Change("resonance.core.stream", "maxTranscodesPerUser", "5", "Streaming reconfigured"),
            new Change("resonance.core.sync", "retentionDays", "40", "Sync reconfigured"),
            new Change("resonance.core.plugins", "callTimeout", "4000", "Plugins reconfigured"),
            new Change("resonance.core.redis", "timeoutMillis", "3000", "Sync bus reconfigured"));

    @Test
    void everyCorePidAndAContributionChangeWhilePlaybackSocketsAndTheApiCarryOn() throws Exception {
        Path direct = music.resolve("Alpha/Long/01 direct.wav");
        Path transcoded = music.resolve("Alpha/Long/02 transcoded.flac");
        Files.createDirectories(direct.getParent());
        Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=440:duration=" + DIRECT_SECONDS, "-ac", "2", "-c:a", "pcm_s16le",
                "-metadata", "title=Direct", "-metadata", "artist=Alpha", "-metadata", "album=Long", direct.toString());
        Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=660:duration=" + TRANSCODE_SECONDS, "-c:a", "flac",
                "-metadata", "title=Transcoded", "-metadata", "artist=Alpha", "-metadata", "album=Long", transcoded.toString());
        Path contribution = Path.of(System.getProperty("resonance.test.contribution"));
        assertThat(contribution).as("the test contribution bundle, built by karaf-distribution/test-contribution").exists();

        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.startWithOwnEtc(Map.of("DB_URL", db.url(), "DB_USER", db.user(),
                     "MUSIC_LIBRARY_PATH", music.toString(), "RESONANCE_ADMIN_USER", "root",
                     "RESONANCE_ADMIN_PASSWORD", "root-password", "METRICS_TOKEN", SCRAPE_TOKEN), etc -> {
                         // the transcode runs ahead 10 s, then at 2.5x realtime: ffmpeg lives ~45 s, well past the last change
                         ResonanceProcess.set(etc, "resonance.core.stream", "runAheadSeconds", "10");
                         ResonanceProcess.set(etc, "resonance.core.stream", "pacingSpeed", "2.5");
                     })) {
            resonance.awaitReady();
            int bootLines = resonance.logLines().size();
            String player = token(resonance, "player");
            String phone = token(resonance, "phone");
            Map<Long, String> tracks = awaitTracks(resonance, player, 2);
            long directId = id(tracks, "Direct");
            long transcodeId = id(tracks, "Transcoded");
            String base = "http://127.0.0.1:" + resonance.port;

            // the sync socket of the phone
            BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
            AtomicReference<String> closed = new AtomicReference<>();
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + resonance.port + "/api/v1/ws"),
                    listener(frames, closed)).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"auth\",\"token\":\"" + phone + "\"}", true).join();
            next(frames, "connected");

            // a light API load: every answer must be a 200
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicInteger apiCalls = new AtomicInteger();
            List<String> apiFailures = new CopyOnWriteArrayList<>();
            Thread load = new Thread(() -> {
                String[] paths = {"/api/v1/server", "/api/v1/content/tracks", "/api/v1/user/devices", "/health"};
                for (int i = 0; loading.get(); i++) {
                    String path = paths[i % paths.length];
                    try {
                        ResonanceProcess.Answer answer = resonance.send("GET", path, null, Map.of("Authorization", "Bearer " + player));
                        apiCalls.incrementAndGet();
                        if (answer.status() != 200) {
                            apiFailures.add(path + " -> " + answer.status() + " " + answer.body());
                        }
                        Thread.sleep(20);
                    } catch (IOException e) {
                        apiFailures.add(path + " -> " + e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "api-load");
            load.start();

            // the two players: the direct one reads at realtime, the transcode one as fast as it is paced
            long directBytes = Files.size(direct);
            CompletableFuture<byte[]> directPlay = play(base + "/stream/" + directId, player, directBytes / DIRECT_SECONDS);
            Set<Long> ffmpegPids = ConcurrentHashMap.newKeySet();
            CompletableFuture<byte[]> transcodePlay = play(base + "/stream/" + transcodeId + "?format=opus&bitrate=96", player, 0);
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watch = new Thread(() -> {
                while (watching.get()) {
                    ffmpegPids.addAll(processesWith(transcoded.getFileName().toString()));
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "ffmpeg-watch");
            watch.start();
            long awaitFfmpeg = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ffmpegPids.isEmpty() && System.nanoTime() < awaitFfmpeg) {
                Thread.sleep(50);
            }
            assertThat(ffmpegPids).as("the transcode's ffmpeg runs").hasSize(1);

            // every core PID in turn
            Map<String, Double> activations = activations(resonance);
            assertThat(activations).as("every core component started once").containsOnlyKeys(CORE_COMPONENTS)
                    .allSatisfy((component, count) -> assertThat(count).as(component).isEqualTo(1.0));
            for (Change change : CHANGES) {
                int before = resonance.logLines().size();
                ResonanceProcess.set(resonance.etc(), change.pid(), change.key(), change.value());
                resonance.awaitLog(change.applied(), before, Duration.ofSeconds(20));
            }
            // a contribution comes and goes
            Path deployed = resonance.deploy().resolve("test-contribution.jar");
            Files.copy(contribution, deployed, StandardCopyOption.REPLACE_EXISTING);
            ResonanceProcess.Answer greeting = awaitStatus(resonance, "/api/plugins/test-contribution/greeting", player, 200);
            assertThat(greeting.body()).isEqualTo("hello root from the contribution");
            ResonanceProcess.Answer echo = awaitStatus(resonance, "/api/plugins/test-contribution/echo/some/path", player, 200);
            assertThat(echo.body()).isEqualTo("echo /some/path for root");
            assertThat(resonance.send("GET", "/api/plugins/test-contribution/echo", null, Map.of()).status())
                    .as("the servlet is for signed-in callers").isEqualTo(401);
            BlockingQueue<String> shouted = new LinkedBlockingQueue<>();
            AtomicReference<String> shoutClosed = new AtomicReference<>();
            WebSocket shout = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + resonance.port
                    + "/api/plugins/test-contribution/shout?access_token=" + player), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            shouted.add(data.toString());
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                            shoutClosed.set(Integer.toString(status));
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertThat(shouted.poll(10, TimeUnit.SECONDS)).isEqualTo("hello root");
            shout.sendText("quiet", true).join();
            assertThat(shouted.poll(10, TimeUnit.SECONDS)).isEqualTo("QUIET");
            Files.delete(deployed);
            awaitStatus(resonance, "/api/plugins/test-contribution/greeting", player, 404);
            long shoutDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (shoutClosed.get() == null && System.nanoTime() < shoutDeadline) {
                Thread.sleep(50);
            }
            assertThat(shoutClosed.get()).as("the plugin's socket closed with its plugin: going away").isEqualTo("1001");
            awaitStatus(resonance, "/api/plugins/test-contribution/echo/some/path", player, 404); // the API: nothing there
            assertThat(transcodePlay).as("the transcode was still running when the changes were done: the test proves"
                    + " nothing otherwise").isNotDone();
            assertThat(directPlay).as("the direct stream too").isNotDone();

            byte[] directReceived = directPlay.get(90, TimeUnit.SECONDS);
            byte[] transcodeReceived = transcodePlay.get(90, TimeUnit.SECONDS);
            watching.set(false);
            watch.join();
            loading.set(false);
            load.join();

            assertThat(directReceived).as("the direct stream, byte for byte").isEqualTo(Files.readAllBytes(direct));
            Path received = Files.write(music.resolveSibling(music.getFileName() + "-received.opus"), transcodeReceived);
            assertThat(decodedSeconds(received)).as("the whole transcode").isBetween(TRANSCODE_SECONDS - 0.1, TRANSCODE_SECONDS + 0.1);
            assertThat(ffmpegPids).as("one ffmpeg from start to end: never restarted").hasSize(1);
            assertThat(apiFailures).as("API answers other than 200 (of " + apiCalls.get() + ")").isEmpty();
            assertThat(apiCalls.get()).isGreaterThan(100);

            // the socket is the same one, and it still delivers
            assertThat(closed.get()).as("the sync socket was closed").isNull();
            ResonanceProcess.Answer liked = resonance.send("PUT", "/api/v1/user/liked/track/" + directId, null,
                    Map.of("Authorization", "Bearer " + player));
            assertThat(liked.status()).as(liked.body()).isEqualTo(200);
            assertThat(next(frames, "event").at("/event/type").asText()).isEqualTo("like.added");
            socket.abort();

            // nothing restarted: the table in docs/configuration.md says none of these changes restarts a component
            assertThat(activations(resonance)).as("core component activations after every change").isEqualTo(activations);
            List<String> after = resonance.logLines().subList(bootLines, resonance.logLines().size());
            assertThat(after).as("lines that mean a core component started again")
                    .noneMatch(l -> l.contains("Streaming ready") || l.contains("Sync ready") || l.contains("Database UP")
                            || l.contains("Sync bus: in-process") || l.contains("Resonance ready"));
        }
    }

    /**
     * The one kind of change the table says must restart things: another database. The database component stays and
     * replaces its service; everything that uses the database starts again on the new one (the first administrator
     * is created there from the environment), and nothing else does.
     */
    @Test
    void aNewDatabaseUrlRestartsWhatUsesTheDatabaseAndOnlyThat() throws Exception {
        try (TestDatabase first = TestDatabase.create();
             TestDatabase second = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.startWithOwnEtc(Map.of("DB_URL", first.url(), "DB_USER", first.user(),
                     "RESONANCE_ADMIN_USER", "root", "RESONANCE_ADMIN_PASSWORD", "root-password", "METRICS_TOKEN", SCRAPE_TOKEN),
                     etc -> { })) {
            resonance.awaitReady();
            token(resonance, "before");
            Map<String, Double> before = activations(resonance);

            int lines = resonance.logLines().size();
            ResonanceProcess.set(resonance.etc(), "resonance.core.db", "url", second.url());
            resonance.awaitLog("Database configuration changed: reconnecting", lines, Duration.ofSeconds(20));
            resonance.awaitLog("Database UP", lines, Duration.ofSeconds(60));
            resonance.awaitHealth(a -> a.status() == 200, Duration.ofSeconds(60));
            token(resonance, "after"); // the administrator, created on the new database

            try (java.sql.Connection c = second.connect();
                 java.sql.ResultSet users = c.createStatement().executeQuery("SELECT count(*) FROM users WHERE username = 'root'")) {
                users.next();
                assertThat(users.getInt(1)).as("the account lives in the new database").isEqualTo(1);
            }
            Map<String, Double> after = activations(resonance);
            for (String component : CORE_COMPONENTS) {
                // what holds the Database service (directly, or through sync's services) starts again with the new one
                double expected = List.of("auth", "library", "stream", "sync", "playlists", "history", "plugins").contains(component)
                        ? 2.0 : 1.0;
                assertThat(after.get(component)).as(component + " activations (docs/configuration.md)").isEqualTo(expected);
            }
            assertThat(before.values()).allMatch(count -> count == 1.0);
        }
    }

    /** {@code resonance_component_activations_total} by component, from {@code /metrics}. */
    private static Map<String, Double> activations(ResonanceProcess resonance) throws Exception {
        ResonanceProcess.Answer scrape = resonance.send("GET", "/metrics", null, Map.of("Authorization", "Bearer " + SCRAPE_TOKEN));
        assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
        Map<String, Double> counts = new java.util.TreeMap<>();
        java.util.regex.Matcher line = java.util.regex.Pattern
                .compile("(?m)^resonance_component_activations_total\\{component=\"([^\"]+)\",?\\} (\\S+)$").matcher(scrape.body());
        while (line.find()) {
            counts.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        return counts;
    }

    private static String token(ResonanceProcess resonance, String device) throws Exception {
        ResonanceProcess.Answer login = resonance.send("POST", "/api/v1/auth/login",
                "{\"username\":\"root\",\"password\":\"root-password\",\"deviceId\":\"" + device + "\"}", Map.of());
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().path("accessToken").asText();
    }

    private static Map<Long, String> awaitTracks(ResonanceProcess resonance, String token, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode items = resonance.send("GET", "/api/v1/content/tracks", null, Map.of("Authorization", "Bearer " + token))
                    .json().path("items");
            if (items.size() >= count) {
                Map<Long, String> tracks = new ConcurrentHashMap<>();
                items.forEach(t -> tracks.put(t.path("id").asLong(), t.path("title").asText()));
                return tracks;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the scan did not find " + count + " tracks:\n" + resonance.log());
    }

    private static long id(Map<Long, String> tracks, String title) {
        return tracks.entrySet().stream().filter(e -> e.getValue().equals(title)).findFirst().orElseThrow().getKey();
    }

    /** Plays {@code url} to the end, reading at most {@code bytesPerSecond} (0: as fast as it comes). */
    private static CompletableFuture<byte[]> play(String url, String token, long bytesPerSecond) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    throw new AssertionError(url + " answered " + response.statusCode());
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long start = System.nanoTime();
                byte[] buffer = new byte[8192];
                try (InputStream in = response.body()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, n);
                        if (bytesPerSecond > 0) {
                            long due = start + out.size() * 1_000_000_000L / bytesPerSecond;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                    }
                }
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Process ids of running processes whose command line mentions {@code text}. */
    private static Set<Long> processesWith(String text) {
        Set<Long> found = ConcurrentHashMap.newKeySet();
        ProcessHandle.allProcesses().forEach(p -> {
            String command = p.info().commandLine().orElse("");
            if (command.contains("ffmpeg") && command.contains(text)) {
                found.add(p.pid());
            }
        });
        return found;
    }

    private static double decodedSeconds(Path file) throws Exception {
        Process probe = new ProcessBuilder(Ffmpeg.path().toString(), "-hide_banner", "-i", file.toString(), "-f", "null", "-")
                .redirectErrorStream(true).start();
        String log = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor()).as(log).isZero();
        java.util.regex.Matcher time = java.util.regex.Pattern.compile("time=(\\d+):(\\d+):(\\d+\\.\\d+)").matcher(log);
        double seconds = -1;
        while (time.find()) {
            seconds = Integer.parseInt(time.group(1)) * 3600 + Integer.parseInt(time.group(2)) * 60 + Double.parseDouble(time.group(3));
        }
        return seconds;
    }

    private static ResonanceProcess.Answer awaitStatus(ResonanceProcess resonance, String path, String token, int status)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        ResonanceProcess.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = resonance.send("GET", path, null, Map.of("Authorization", "Bearer " + token));
            if (last.status() == status) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never answered " + status + "; last " + last + "\n" + resonance.log());
    }

    private static WebSocket.Listener listener(BlockingQueue<JsonNode> frames, AtomicReference<String> closed) {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        frames.add(JSON.readTree(text.toString()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                closed.set(status + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.set("error " + error);
            }
        };
    }

    private static JsonNode next(BlockingQueue<JsonNode> frames, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(200, TimeUnit.MILLISECONDS);
            if (frame != null && frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
        throw new AssertionError("no '" + type + "' frame within 10 s");
    }
}
