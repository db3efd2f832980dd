package dev.resonance.impl.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.http.AccessPolicy;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.http.RateLimiter;
import dev.resonance.impl.http.ApiServletContainer;
import dev.resonance.impl.http.HttpRoute;
import dev.resonance.impl.http.SiteServlet;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.stream.StreamServlet;
import dev.resonance.impl.stream.StreamTestData;
import dev.resonance.impl.stream.transcode.TranscodeCache;
import dev.resonance.impl.stream.transcode.Transcoder;
import dev.resonance.impl.sync.PlaybackService;
import dev.resonance.impl.sync.SyncEndpoint;
import dev.resonance.impl.sync.SyncHub;
import dev.resonance.impl.sync.bus.BusMessage;
import dev.resonance.impl.sync.bus.RedisBus;
import dev.resonance.testing.Await;
import dev.resonance.testing.Ffmpeg;
import dev.resonance.testing.RedisProbe;
import dev.resonance.testing.RedisServer;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /metrics} of a node assembled from the real parts on a real Jetty — the site with its routes (the REST API,
 * streams, the sync socket, /metrics), the accounts, the scanner, the transcoder and its cache, the pool, a Redis bus —
 * all measured in one {@link ServerMetrics} registry, as in the server. A scripted load runs once: the exposition must
 * parse strictly before and after, and every meter must have moved by what the load did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsEndToEndTest {

    static final String TOKEN = "scrape-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServerMetrics metrics = new ServerMetrics();
    private Path data;
    private ApiHarness api;
    private SyncHub hub;
    private Transcoder transcoder;
    private Server jetty;
    private String base;
    private RedisServer redis;
    private RedisBus nodeA;
    private RedisBus nodeB;
    private String analyst;   // an administrator: holds ViewAnalytics
    private String listener;  // a regular user: does not
    private String listenerOnTablet;

    /** What the load saw: the scrapes before and after, and gauges read while streams and a socket were open. */
    private PrometheusText.Exposition before;
    private PrometheusText.Exposition after;
    private double directStreamsWhileStreaming;
    private double transcodesWhileTranscoding;
    private double socketsWhileConnected;
    private int refusedTranscodeStatus;
    private long bigFileBytes;

    @BeforeAll
    void startAndRunTheLoad() throws Exception {
        data = Files.createTempDirectory("resonance-metrics");
        api = ApiHarness.withMetrics(metrics.registry(), Map.of(), 3);
        api.createUser("ada", "ada-password", "admin");
        long bob = api.createUser("bob", "bob-password", "regular");
        api.auth.grant(bob, dev.resonance.api.auth.Permission.ISSUE_CONTENT_DOWNLOAD, java.util.Optional.empty(),
            java.util.Optional.empty()); // the download below
        analyst = api.accessToken("ada", "ada-password", "ada-laptop");
        listener = api.accessToken("bob", "bob-password", "bob-phone");
        listenerOnTablet = api.accessToken("bob", "bob-password", "bob-tablet");
        startSite();
        redis = RedisServer.start();
        nodeA = new RedisBus(RedisBus.Settings.of(redis.url()), metrics.registry());
        nodeB = new RedisBus(RedisBus.Settings.of(redis.url()), new SimpleMeterRegistry());

        before = scrape();
        runTheLoad();
        System.gc(); // GC pauses are registered at the first GC; the dashboard shows them
        Await.until("a GC was measured", () -> metrics.prometheus().find("jvm.gc.pause").timer() != null);
        after = scrape();
        String dump = System.getProperty("metrics.dump"); // -Dmetrics.dump=file: what a scrape looks like, for docs/metrics.md
        if (dump != null) {
            Files.writeString(Path.of(dump), get("/metrics", TOKEN).body());
        }
    }

    private void startSite() throws Exception {
        Clock clock = Clock.systemUTC();
        transcoder = new Transcoder(Ffmpeg::path, new Transcoder.Settings(8, 1, 1, 1.5, 5),
                Optional.of(new TranscodeCache(data.resolve("transcodes"), 64L * 1024 * 1024, metrics.registry())), metrics.registry());
        hub = new SyncHub(SyncHub.Auth.of(api.auth), api.db, api.sync.sync(), new PlaybackService(api.db, api.sync.sync(), clock),
                new SyncHub.Limits(4096, 20, 64, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30), 5), clock,
                metrics.registry());
        MetricsServlet scrapes = new MetricsServlet(metrics.prometheus(), () -> Optional.of(api.auth::authenticate));
        scrapes.token(TOKEN);

        SiteServlet site = new SiteServlet(request -> { }, metrics.registry());
        site.add(new HttpRoute("api", "/api", new ApiServletContainer(api.application(
                new AccessPolicy(Map.of(RateLimiter.Kind.LOGIN, 4), List.of())))));
        site.add(new HttpRoute("stream", "/stream", new StreamServlet(api.auth::authenticate, api.stream.files(), transcoder,
                api.stream.policy(), new RateLimiter(Map.of()), metrics.registry())));
        site.add(new HttpRoute("sync", SyncEndpoint.PATH, new SyncEndpoint(hub)));
        site.add(new HttpRoute("metrics", "/metrics", scrapes));
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(site);
        for (String pattern : new String[] {"/api/*", "/stream/*", "/metrics/*"}) {
            context.addServlet(holder, pattern);
        }
        jetty.setHandler(context);
        jetty.start();
        base = "127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closing : new AutoCloseable[] {nodeA, nodeB, redis, hub, transcoder, jetty::stop, api, metrics}) {
            if (closing != null) {
                closing.close();
            }
        }
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ------------------------------------------------------------------------------------------------- the load

    private void runTheLoad() throws Exception {
        scanALibrary();
        browse();
        streamAndTranscode();
        syncAcrossDevices();
        failSignInsUntilLockedAndRateLimited();
        crossTheRedisBus();
    }

    private void scanALibrary() throws Exception {
        for (int i = 1; i <= 3; i++) {
            PropertiesTagReader.write(api.musicRoot.resolve("Artist/Album/" + i + ".mp3"), "title", "Song " + i, "artist", "Artist",
                    "album", "Album");
        }
        Files.writeString(api.musicRoot.resolve("Artist/Album/broken.mp3"), "no title: unreadable\n");
        api.scanMusic();
    }

    private void browse() throws Exception {
        long album = json(get("/api/v1/content/albums", listener)).at("/items/0/id").asLong();
        assertThat(get("/api/v1/content/albums/" + album, listener).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/no/such/endpoint", listener).statusCode()).isEqualTo(404);
    }

    private void streamAndTranscode() throws Exception {
        Path music = Files.createDirectories(data.resolve("music"));
        Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "flac", music.resolve("short.flac").toString());
        Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=220:duration=30", "-c:a", "flac", music.resolve("long.flac").toString());
        bigFileBytes = 64L * 1024 * 1024;
        try (RandomAccessFile big = new RandomAccessFile(music.resolve("big.flac").toFile(), "rw")) {
            big.setLength(bigFileBytes); // sparse: more than the sockets buffer, so a client that stops reading holds it
        }
        long library = StreamTestData.library(api.db, music);
        long shortTrack = StreamTestData.track(api.db, library, "short.flac", "flac", "flac", 700, 2000);
        long longTrack = StreamTestData.track(api.db, library, "long.flac", "flac", "flac", 700, 30000);
        long bigTrack = StreamTestData.track(api.db, library, "big.flac", "flac", "flac", 900, 600_000);

        // a direct stream the client holds open: counted as active while it is
        try (InputStream held = open("/stream/" + bigTrack, listener)) {
            assertThat(held.read()).isNotNegative();
            Await.until("the direct stream is counted", () -> gauge("resonance_streams_active") == 1);
            directStreamsWhileStreaming = gauge("resonance_streams_active");
        }
        // a transcoded download: made whole into the cache (a miss), then served from it (a hit)
        HttpResponse<byte[]> download = HTTP.send(request("/stream/" + shortTrack + "/download?format=opus&bitrate=64", listener).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        // a live transcode the client holds open; a second one of the same user is refused (one per user here)
        try (InputStream live = open("/stream/" + longTrack + "?format=opus&bitrate=64", listener)) {
            assertThat(live.readNBytes(1024)).hasSize(1024);
            transcodesWhileTranscoding = gauge("resonance_transcodes_running");
            // (from an offset: not a whole track, so no cache lookup)
            refusedTranscodeStatus = get("/stream/" + shortTrack + "?format=mp3&bitrate=128&offset=1", listener).statusCode();
        }
        Await.until("the transcode ended with its client", () -> gauge("resonance_transcodes_running") == 0
                && gauge("resonance_streams_active") == 0);
    }

    private void syncAcrossDevices() throws Exception {
        long track = json(get("/api/v1/content/tracks", listener)).at("/items/0/id").asLong();
        CompletableFuture<String> event = new CompletableFuture<>();
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://" + base + SyncEndpoint.PATH + "?access_token=" + listener),
                new WebSocket.Listener() {
                    private final StringBuilder frame = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
                        frame.append(text);
                        if (last) {
                            if (frame.indexOf("\"like.added\"") >= 0) {
                                event.complete(frame.toString());
                            }
                            frame.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        try {
            Await.until("the socket is counted", () -> gauge("resonance_sync_sockets_open") == 1);
            socketsWhileConnected = gauge("resonance_sync_sockets_open");
            HttpResponse<String> like = HTTP.send(request("/api/v1/user/liked/track/" + track, listenerOnTablet)
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(like.statusCode()).as(like.body()).isEqualTo(200);
            assertThat(event.get(5, TimeUnit.SECONDS)).contains("like.added");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
        Await.until("the closed socket is no longer counted", () -> gauge("resonance_sync_sockets_open") == 0);
    }

    private void failSignInsUntilLockedAndRateLimited() throws Exception {
        // lock after 3 failures; 4 sign-ins a minute per address: 3 wrong passwords, 1 refused as locked, 1 rate-limited
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("mallory", "wrong-password").statusCode()).isEqualTo(401);
        }
        assertThat(signIn("mallory", "wrong-password").body()).contains("login_locked");
        assertThat(signIn("mallory", "wrong-password").body()).contains("rate_limited");
    }

    private void crossTheRedisBus() throws Exception {
        Await.until("both nodes connect", () -> nodeA.connected() && nodeB.connected());
        nodeA.subscribe(99, message -> { });
        Await.until("node A subscribed", () -> RedisProbe.subscribers(redis.port(), RedisBus.channelOf(99)) == 1);
        nodeB.publish(new BusMessage(99, nodeB.nodeId(), null, null, "{\"type\":\"event\"}"));
        Await.until("node A measured the lag", () -> metrics.prometheus().get("resonance.sync.bus.lag").timer().count() == 1);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + base + path)).timeout(Duration.ofSeconds(30));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(request(path, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private InputStream open(String path, String token) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(request(path, token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> signIn(String username, String password) throws Exception {
        return HTTP.send(request("/api/v1/auth/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiHarness.json(Map.of("username", username, "password", password,
                        "deviceId", "probe", "deviceName", "Probe", "deviceType", "web")))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiHarness.JSON.readTree(response.body());
    }

    private PrometheusText.Exposition scrape() throws Exception {
        HttpResponse<String> answer = get("/metrics", TOKEN);
        assertThat(answer.statusCode()).isEqualTo(200);
        return PrometheusText.parse(answer.body());
    }

    private double gauge(String name) {
        try {
            return scrape().sum(name);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** How much {@code name} (summed over the series with {@code labels}) grew during the load. */
    private double delta(String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    // ---------------------------------------------------------------------------------------------- the checks

    @Test
    void onlyTheTokenAndViewAnalyticsHoldersMayScrape() throws Exception {
        HttpResponse<String> anonymous = get("/metrics", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"code\":\"unauthenticated\"");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"resonance\"");
        assertThat(get("/metrics", listener).statusCode()).isEqualTo(403);
        assertThat(get("/metrics", analyst).statusCode()).isEqualTo(200);
        assertThat(get("/metrics", TOKEN).headers().firstValue("Content-Type")).hasValue(ServerMetrics.CONTENT_TYPE);
    }

    @Test
    void theJvmProcessAndPoolAreMeasured() {
        assertThat(after.families()).containsKeys("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "process_cpu_usage", "process_uptime_seconds", "process_files_open_files");
        assertThat(after.sum("hikaricp_connections_max", "pool", "resonance")).isEqualTo(4);
        assertThat(after.families()).containsKeys("hikaricp_connections_active", "hikaricp_connections_idle", "hikaricp_connections_pending",
                "hikaricp_connections", "hikaricp_connections_timeout_total");
        assertThat(delta("hikaricp_connections_acquire_seconds_count", "pool", "resonance")).isPositive();
    }

    @Test
    void requestsAreTimedByRouteTemplateMethodAndStatus() {
        assertThat(after.family("http_server_requests_seconds").type()).isEqualTo("histogram");
        assertThat(delta("http_server_requests_seconds_count", "route", "/api/v1/content/albums/{id}", "method", "GET", "status", "200"))
                .isEqualTo(1);
        assertThat(delta("http_server_requests_seconds_count", "route", "unmatched", "status", "404")).isEqualTo(1);
        assertThat(delta("http_server_requests_seconds_count", "route", "/api/v1/auth/login", "method", "POST", "status", "401"))
                .isEqualTo(3);
        assertThat(delta("http_server_requests_seconds_count", "route", "/api/v1/auth/login", "status", "429")).isEqualTo(2);
        assertThat(delta("http_server_requests_seconds_count", "route", "/stream/{trackId}", "status", "200")).isEqualTo(2);
        assertThat(delta("http_server_requests_seconds_count", "route", "/stream/{trackId}", "status", "503")).isEqualTo(1);
        assertThat(delta("http_server_requests_seconds_count", "route", "/stream/{trackId}/download", "status", "200")).isEqualTo(1);
        assertThat(delta("http_server_requests_seconds_count", "route", "/metrics", "status", "200")).isPositive();
        assertThat(after.samples()).as("no raw path, user or track id in a route label")
                .allSatisfy(s -> assertThat(String.valueOf(s.label("route"))).doesNotMatch(".*/\\d+.*"));
    }

    @Test
    void streamsAndTranscodesAreCounted() {
        assertThat(directStreamsWhileStreaming).isEqualTo(1);
        assertThat(transcodesWhileTranscoding).isEqualTo(1);
        assertThat(refusedTranscodeStatus).isEqualTo(503);
        assertThat(delta("resonance_transcodes_refused_total", "limit", "user")).isEqualTo(1);
        assertThat(delta("resonance_transcodes_refused_total", "limit", "node")).isZero();
        assertThat(delta("resonance_stream_sent_bytes_total", "source", "file")).isPositive();
        assertThat(delta("resonance_stream_sent_bytes_total", "source", "ffmpeg")).isGreaterThanOrEqualTo(1024);
        assertThat(delta("resonance_transcode_start_seconds_count")).isEqualTo(2);
        // the download's (then made whole: a hit) and the live whole-track transcode's
        assertThat(delta("resonance_transcode_cache_lookups_total", "result", "miss")).isEqualTo(2);
        assertThat(delta("resonance_transcode_cache_lookups_total", "result", "hit")).isEqualTo(1);
        assertThat(after.sum("resonance_transcode_cache_size_bytes")).isPositive();
        assertThat(after.sum("resonance_streams_active")).isZero();
        assertThat(after.sum("resonance_transcodes_running")).isZero();
    }

    @Test
    void scansCountFilesErrorsAndPhases() {
        assertThat(delta("resonance_scan_files_processed_total")).isEqualTo(4);
        assertThat(delta("resonance_scan_errors_total")).isEqualTo(1);
        assertThat(delta("resonance_scans_total", "kind", "quick", "state", "done")).isEqualTo(1);
        for (String phase : new String[] {"walking", "reading", "finishing"}) {
            assertThat(delta("resonance_scan_phase_seconds_count", "phase", phase)).as(phase).isEqualTo(1);
        }
    }

    @Test
    void syncCountsSocketsEventsFanOutAndTheBusLag() {
        assertThat(socketsWhileConnected).isEqualTo(1);
        assertThat(after.sum("resonance_sync_sockets_open")).isZero();
        assertThat(delta("resonance_sync_events_appended_total")).isEqualTo(1);
        assertThat(delta("resonance_sync_fanout_messages_total")).isGreaterThanOrEqualTo(1);
        assertThat(delta("resonance_sync_bus_lag_seconds_count")).isEqualTo(1);
        assertThat(delta("resonance_sync_bus_messages_total", "outcome", "received")).isEqualTo(1);
    }

    @Test
    void everyMetricTheDashboardAndTheAlertRulesUseIsExposed() throws Exception {
        List<String> dashboard = ObservabilityFiles.dashboardExpressions();
        List<String> alerts = ObservabilityFiles.alertExpressions();
        long rules = Files.readAllLines(ObservabilityFiles.ROOT.resolve("prometheus/alerts.yml")).stream()
                .filter(line -> line.strip().startsWith("- alert:")).count();
        assertThat(alerts).as("an expression per alert rule").hasSize((int) rules);
        assertThat(dashboard).hasSizeGreaterThan(20);

        java.util.Set<String> used = new java.util.TreeSet<>();
        java.util.stream.Stream.concat(dashboard.stream(), alerts.stream()).forEach(e -> used.addAll(ObservabilityFiles.metricNames(e)));
        used.removeAll(ObservabilityFiles.PROMETHEUS_OWN);

        assertThat(used).contains("http_server_requests_seconds_bucket", "resonance_transcodes_refused_total", "hikaricp_connections_pending");
        assertThat(after.sampleNames()).as("what /metrics exposes").containsAll(used);
    }

    @Test
    void signInFailuresLockOutsAndRateLimitsAreCounted() {
        assertThat(delta("resonance_auth_login_failures_total")).isEqualTo(3);
        assertThat(delta("resonance_auth_lockouts_total")).isEqualTo(1);
        assertThat(delta("resonance_rate_limit_refusals_total", "kind", "login")).isEqualTo(1);
        assertThat(after.sum("resonance_rate_limit_refusals_total", "kind", "stream")).isZero();
    }
}
