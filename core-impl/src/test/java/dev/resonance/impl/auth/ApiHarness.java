package dev.resonance.impl.auth;

import dev.resonance.impl.http.RateLimiter;
import dev.resonance.impl.http.AccessPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.db.Database;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.impl.http.ApiServlet;
import dev.resonance.impl.http.RequestCaller;
import dev.resonance.impl.http.ServerInfoResource;
import dev.resonance.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;

/**
 * The whole REST API in memory (Jersey's ApplicationHandler, no sockets) over a throwaway database on the real
 * PostgreSQL, with a clock the test can move. Argon2 runs with light parameters to keep tests fast.
 */
public final class ApiHarness implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** A clock tests can move forward. */
    public static final class TestClock extends Clock {
        private final AtomicLong offsetMillis = new AtomicLong();
        private volatile Instant frozenAt;

        public void advance(Duration d) {
            offsetMillis.addAndGet(d.toMillis());
        }

        /** Stops real time: from now on only {@link #advance} moves the clock (exact durations in tests). */
        public void freeze() {
            frozenAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as PostgreSQL keeps it, unrounded
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant frozen = frozenAt;
            return (frozen != null ? frozen : Instant.now()).plusMillis(offsetMillis.get());
        }
    }

    public record Answer(int status, Map<String, List<Object>> headers, String body, byte[] bytes) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).map(Object::toString).findFirst().orElse(null);
        }

        public List<String> headers(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).map(Object::toString).toList();
        }

        public String errorCode() {
            return json().at("/error/code").asText();
        }
    }

    public final TestDatabase testDb;
    public final Database db;
    public final TestClock clock = new TestClock();
    public final AuthService auth;
    public final java.nio.file.Path musicRoot;
    public final dev.resonance.impl.library.LibraryService library;
    public final dev.resonance.impl.sync.bus.LocalBus bus = new dev.resonance.impl.sync.bus.LocalBus();
    public final dev.resonance.impl.sync.SyncServices sync;
    /** What users play through this harness's play-report API (Connect plays go through each test's own nodes). */
    public final dev.resonance.impl.sync.PlaybackFeed played = new dev.resonance.impl.sync.PlaybackFeed();
    public final dev.resonance.impl.history.HistoryServices history;
    public final dev.resonance.impl.stream.StreamServices stream;
    public final dev.resonance.impl.playlists.PlaylistServices playlists;
    private final HikariDataSource pool;
    private final ApplicationHandler app;
    /** The plugin platform over a real, empty OSGi framework (no plugin installed). */
    public final PluginFrameworks.Running plugins;

    public ApiHarness() {
        this(Map.of(), LOCKOUT, HikariDataSource::new, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /**
     * Measured in {@code metrics} (accounts, scans, sync, the pool), with per-minute {@code limits} for the in-memory API
     * and a lock after {@code lockoutThreshold} failed sign-ins.
     */
    public static ApiHarness withMetrics(io.micrometer.core.instrument.MeterRegistry metrics, Map<RateLimiter.Kind, Integer> limits,
                                         int lockoutThreshold) {
        return new ApiHarness(limits, new LoginThrottle.Policy(lockoutThreshold, Duration.ofSeconds(60), Duration.ofHours(1),
                Duration.ofHours(24)), config -> {
                    config.setPoolName("resonance");
                    config.setMetricsTrackerFactory(new dev.resonance.impl.db.PoolMetrics(metrics));
                    return new HikariDataSource(config);
                }, metrics);
    }

    private static final LoginThrottle.Policy LOCKOUT =
            new LoginThrottle.Policy(10, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(24));

    /**
     * With a pool of the test's making: {@code pool} gets the configuration (a migrated throwaway database, 4
     * connections) and may change it or wrap its data source before building the pool (database failure tests).
     */
    public static ApiHarness withPool(java.util.function.Function<HikariConfig, HikariDataSource> pool) {
        return new ApiHarness(Map.of(), LOCKOUT, pool, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    ApiHarness(Map<RateLimiter.Kind, Integer> limits, LoginThrottle.Policy lockout) {
        this(limits, lockout, HikariDataSource::new, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    private ApiHarness(Map<RateLimiter.Kind, Integer> limits, LoginThrottle.Policy lockout,
                       java.util.function.Function<HikariConfig, HikariDataSource> poolFactory,
                       io.micrometer.core.instrument.MeterRegistry metrics) {
        testDb = TestDatabase.create();
        HikariConfig config = new HikariConfig();
        config.setDataSource(TestDatabases.migrated(testDb));
        config.setMaximumPoolSize(4);
        pool = poolFactory.apply(config);
        db = TestDatabases.database(pool);
        AuthService.Settings settings = new AuthService.Settings(Duration.ofMinutes(15), Duration.ofDays(30), lockout);
        auth = new AuthService(db, new PasswordHasher(1024, 1), JwtSecret.resolve("", db), settings, clock, metrics);
        Map<RateLimiter.Kind, Integer> allLimits = new EnumMap<>(RateLimiter.Kind.class);
        allLimits.putAll(limits);
        try {
            musicRoot = java.nio.file.Files.createTempDirectory("resonance-music");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        dev.resonance.impl.library.images.ImageStore images = new dev.resonance.impl.library.images.ImageStore(db,
                musicRoot.resolveSibling(musicRoot.getFileName() + "-images"));
        library = new dev.resonance.impl.library.LibraryService(db, new dev.resonance.impl.library.scan.Scanner(db,
                new dev.resonance.impl.library.scan.PropertiesTagReader(),
                new dev.resonance.impl.library.scan.Scanner.Settings(2, Duration.ofDays(30)), java.util.Optional.of(images), metrics), images);
        sync = syncServices(db, bus, "node-test", clock, metrics);
        auth.publishEventsTo(sync.sync());
        history = dev.resonance.impl.history.HistoryServices.over(db, sync.sync(), played, clock);
        stream = dev.resonance.impl.stream.StreamServices.over(db, new dev.resonance.impl.stream.UrlSigner(
                "harness key for signed stream urls".getBytes(StandardCharsets.US_ASCII), Duration.ofHours(6), clock), auth::sessionCaller);
        playlists = dev.resonance.impl.playlists.PlaylistServices.over(db, images, sync::sync, clock);
        plugins = PluginFrameworks.platform(db, musicRoot.resolveSibling(musicRoot.getFileName() + "-osgi"));
        app = new ApplicationHandler(application(new AccessPolicy(allLimits, List.of("https://app.example.org"))));
    }

    /** The whole API over this harness's services, e.g. for a real Jetty ({@link dev.resonance.impl.http.ApiServletContainer}). */
    public org.glassfish.jersey.server.ResourceConfig application(AccessPolicy policy) {
        return ApiServlet.application(new dev.resonance.impl.http.HttpAccess(policy), auth::authenticate, resources());
    }

    /** The classes of {@link #resources()}, in the same order. */
    public java.util.List<Class<?>> resourceClasses() {
        return resources().stream().<Class<?>>map(Object::getClass).toList();
    }

    /** Every resource the core's components contribute to the API, built by the same factories, over this harness. */
    public java.util.List<Object> resources() {
        java.util.List<Object> all = new java.util.ArrayList<>();
        all.add(new ServerInfoResource(new ServerInfoResource.Version("test")));
        all.add(new dev.resonance.impl.http.OpenApiResource());
        all.addAll(AuthComponent.resources(auth));
        all.addAll(dev.resonance.impl.library.LibraryComponent.resources(library, db));
        all.addAll(dev.resonance.impl.sync.SyncComponent.resources(sync));
        all.addAll(dev.resonance.impl.history.HistoryComponent.resources(history));
        all.addAll(dev.resonance.impl.stream.StreamComponent.resources(stream));
        all.addAll(dev.resonance.impl.playlists.PlaylistsComponent.resources(playlists));
        all.addAll(plugins.platform().resources(db));
        return all;
    }

    /** Every part of the GraphQL schema the core's components register, built by the same factories, over this harness. */
    public java.util.List<dev.resonance.impl.graphql.GraphPart> graphParts() {
        return java.util.List.of(
                AuthComponent.graph(auth),
                dev.resonance.impl.library.LibraryComponent.graph(library, dev.resonance.impl.library.LibraryComponent.catalog(library, db)),
                new dev.resonance.impl.library.AdminLibraryGraph(library),
                dev.resonance.impl.sync.SyncGraph.of(sync, playback(), hub()),
                new dev.resonance.impl.history.HistoryGraph(history),
                plugins.platform().graph(db),
                dev.resonance.impl.playlists.PlaylistsComponent.graph(playlists));
    }

    private dev.resonance.impl.sync.PlaybackService playback;
    private dev.resonance.impl.sync.SyncHub hub;

    /** Connect playback over this harness's sync (created on first use; GraphQL's playback mutations use it). */
    public synchronized dev.resonance.impl.sync.PlaybackService playback() {
        if (playback == null) {
            playback = new dev.resonance.impl.sync.PlaybackService(db, sync.sync(), clock, played);
        }
        return playback;
    }

    /** A sync hub over this harness (created on first use; GraphQL's subscriptions open sessions on it). */
    public synchronized dev.resonance.impl.sync.SyncHub hub() {
        if (hub == null) {
            hub = new dev.resonance.impl.sync.SyncHub(auth::authenticate, db, sync.sync(), playback(),
                    new dev.resonance.impl.sync.SyncHub.Limits(64 * 1024, 50, 256, Duration.ofSeconds(5), Duration.ofMinutes(5),
                            Duration.ofMinutes(5), 5), clock);
        }
        return hub;
    }

    private volatile dev.resonance.impl.graphql.GraphSchema graphSchema;

    /** The core's GraphQL schema over this harness (built once). */
    public dev.resonance.impl.graphql.GraphSchema graphSchema() {
        if (graphSchema == null) {
            graphSchema = dev.resonance.impl.graphql.GraphSchema.build(graphParts(), java.util.List.of());
        }
        return graphSchema;
    }

    /** Runs a GraphQL request as the holder of {@code token}; the answer in the GraphQL shape ({@code data}, {@code errors}). */
    public JsonNode graphql(String token, String query, Map<String, Object> variables) {
        return JSON.valueToTree(execute(token, query, variables).toSpecification());
    }

    /** Runs a GraphQL request as the holder of {@code token}: for a subscription, the data is a publisher of results. */
    public graphql.ExecutionResult execute(String token, String query, Map<String, Object> variables) {
        dev.resonance.api.auth.Caller caller = auth.authenticate(token).orElseThrow(() -> new AssertionError("token rejected"));
        return graphSchema().execute(caller, java.util.Optional.of(token), kind -> { },
                new dev.resonance.impl.graphql.GraphSchema.Request(query, null, variables));
    }

    /** The sync services of one node over {@code db}, publishing on {@code bus}. */
    public static dev.resonance.impl.sync.SyncServices syncServices(Database db, dev.resonance.impl.sync.bus.SyncBus bus, String node, Clock clock) {
        return syncServices(db, bus, node, clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    private static dev.resonance.impl.sync.SyncServices syncServices(Database db, dev.resonance.impl.sync.bus.SyncBus bus, String node,
                                                                     Clock clock, io.micrometer.core.instrument.MeterRegistry metrics) {
        dev.resonance.impl.sync.SyncService service = new dev.resonance.impl.sync.SyncService(db, bus, node, clock, metrics);
        return new dev.resonance.impl.sync.SyncServices(service, new dev.resonance.impl.sync.LikesService(db, service),
                new dev.resonance.impl.sync.SettingsService(db, service), new dev.resonance.impl.sync.RatingsService(db, service));
    }

    public Answer call(String method, String path, String token, String contentType, String body) {
        return call(method, path, token, contentType, body, Map.of());
    }

    public Answer call(String method, String path, String token, String contentType, String body, Map<String, String> headers) {
        return callBytes(method, path, token, contentType, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A request with a binary body (an image upload). */
    public Answer callBytes(String method, String path, String token, String contentType, byte[] body, Map<String, String> headers) {
        MapPropertiesDelegate properties = new MapPropertiesDelegate();
        properties.setProperty(RequestCaller.CLIENT_ADDRESS, headers.getOrDefault("X-Test-Client", "203.0.113.7"));
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/api/"), URI.create("http://localhost/api/" + path),
                method, null, properties, null);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach((k, v) -> {
            if (!k.equals("X-Test-Client")) {
                request.header(k, v);
            }
        });
        request.header("Accept", "application/json");
        request.setEntityStream(new ByteArrayInputStream(body));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ContainerResponse response = app.apply(request, out).get();
            Map<String, List<Object>> responseHeaders = new LinkedHashMap<>(response.getHeaders());
            return new Answer(response.getStatus(), responseHeaders, out.toString(StandardCharsets.UTF_8), out.toByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public Answer get(String path, String token) {
        return call("GET", path, token, null, null);
    }

    public Answer post(String path, String token, Object body) {
        return call("POST", path, token, "application/json", json(body));
    }

    public static String json(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Creates a user directly (as an operator would) and returns its id. */
    public long createUser(String username, String password, String role) {
        return auth.createUser(new AuthRequests.CreateUser(username, password, java.util.Optional.of(role),
                java.util.Optional.empty()), java.util.Optional.empty()).id();
    }

    /** Signs in on a device and returns the answer (tokens in the body). */
    public Answer login(String username, String password, String deviceId) {
        return post("v1/auth/login", null, Map.of("username", username, "password", password,
                "deviceId", deviceId, "deviceName", "Test " + deviceId, "deviceType", "web"));
    }

    public String accessToken(String username, String password, String deviceId) {
        Answer answer = login(username, password, deviceId);
        if (answer.status() != 200) {
            throw new AssertionError("login failed: " + answer);
        }
        return answer.json().path("accessToken").asText();
    }

    /** Scans the music root (stand-in ".mp3" property files, see PropertiesTagReader) and waits for the result. */
    public void scanMusic() {
        library.ensureLibrary("Music", musicRoot);
        library.startScan(false, java.util.Optional.empty());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (library.status().running()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("scan did not finish");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        if (hub != null) {
            hub.close();
        }
        plugins.close();
        bus.close();
        library.close();
        pool.close();
        testDb.close();
        try (var files = java.nio.file.Files.walk(musicRoot)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files: best effort
        }
    }
}
