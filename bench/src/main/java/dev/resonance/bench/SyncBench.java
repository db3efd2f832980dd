package dev.resonance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real-time sync benchmark (bench/sync/run): two nodes of the built distribution sharing one PostgreSQL database
 * and a private redis-server. {@code --users} users with {@code --devices} devices each, devices alternating between
 * the nodes, every device on the WebSocket. Each user's devices in turn like or unlike a track over REST on their
 * node; the latency is measured from sending that request to each other device receiving the event — on the same
 * node (bus in process) and on the other node (through Redis). Then {@code --sockets} idle authenticated sockets are
 * opened on one node, each with a device and session of its own (four devices per user), to measure memory per
 * connection and what idle sockets cost over a minute (session rechecks, pings); one more change proves the first
 * user's sockets are still live.
 * Prints Markdown tables on stdout; progress goes to stderr.
 */
public final class SyncBench {

    /** Close codes the server sent, with how many sockets got each. */
    private static final Map<Integer, Integer> CLOSES = new ConcurrentHashMap<>();
    private static final Pattern USED = Pattern.compile("(?:generation|heap)\\s+total \\d+K, used (\\d+)K");

    private record Device(int user, String token, BenchServer node) {
    }

    /** A socket that reports every text message it receives, as JSON. */
    private static final class Client implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final Consumer<JsonNode> onMessage;
        final CompletableFuture<JsonNode> connected = new CompletableFuture<>();
        volatile WebSocket socket;

        Client(Consumer<JsonNode> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode m = BenchServer.JSON.readTree(partial.toString());
                    if (m.path("type").asText().equals("connected")) {
                        connected.complete(m);
                    }
                    onMessage.accept(m);
                } catch (Exception e) {
                    connected.completeExceptionally(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            CLOSES.merge(status, 1, Integer::sum);
            connected.completeExceptionally(new IllegalStateException("closed " + status + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            connected.completeExceptionally(error);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dist = null;
        int users = 4;
        int devices = 6;
        int rounds = 300;
        int warmup = 200;
        int sockets = 10_000;
        String nodeHeap = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dist" -> dist = Path.of(args[++i]);
                case "--users" -> users = Integer.parseInt(args[++i]);
                case "--devices" -> devices = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--sockets" -> sockets = Integer.parseInt(args[++i]);
                case "--node-heap" -> nodeHeap = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dist == null || devices < 2) {
            throw new IllegalArgumentException("--dist <built assembly dir> is required; --devices must be at least 2");
        }
        Path work = Files.createTempDirectory("resonance-bench-sync");
        String database = "resonance_bench_sync_" + ProcessHandle.current().pid();
        BenchServer.createDatabase(database);
        int redisPort = BenchServer.freePort();
        Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(work.resolve("redis.log").toFile()).start();
        Path library = LibraryGenerator.defaultDir(200, 42);
        LibraryGenerator.ensure(library, 200, 42, 2);
        Map<String, String> env = new java.util.HashMap<>(Map.of("REDIS_URL", "redis://127.0.0.1:" + redisPort,
                "MUSIC_LIBRARY_PATH", library.toString(), "JWT_SECRET", JWT_SECRET));
        if (nodeHeap != null) {
            env.put("JAVA_MAX_MEM", nodeHeap);
        }
        try (BenchServer a = BenchServer.start(dist, work.resolve("node-a"), database, env);
             BenchServer b = BenchServer.start(dist, work.resolve("node-b"), database, env)) {
            ScanBench.log("node A pid %d port %d, node B pid %d port %d, redis port %d", a.pid(), a.port, b.pid(), b.port, redisPort);
            new SyncBench(a, b, database, warmup, nodeHeap == null ? "160M (the default)" : nodeHeap).run(users, devices, rounds, sockets);
        } finally {
            redis.destroy();
            BenchServer.dropDatabase(database);
            LibraryGenerator.deleteTree(work);
        }
    }

    private final BenchServer a;
    private final BenchServer b;
    private final java.net.http.HttpClient wsClient = java.net.http.HttpClient.newHttpClient();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final List<Double> sameNode = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> otherNode = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> restAnswers = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> sameNodeFromCommit = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> otherNodeFromCommit = Collections.synchronizedList(new ArrayList<>());

    private final int warmup;
    private final Map<String, Boolean> recorded = new ConcurrentHashMap<>();

    private final String nodeHeap;
    private final String database;

    private SyncBench(BenchServer a, BenchServer b, String database, int warmup, String nodeHeap) {
        this.nodeHeap = nodeHeap;
        this.database = database;
        this.a = a;
        this.b = b;
        this.warmup = warmup;
    }

    private void run(int users, int devicesPerUser, int rounds, int idleSockets) throws Exception {
        String admin = a.login("bench", "bench-password", "bench-admin");
        List<Long> tracks = tracks(admin);
        List<List<Device>> devices = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String name = "listener" + u;
            a.send("POST", "/api/v1/admin/users", admin, BenchServer.JSON.createObjectNode().put("username", name)
                    .put("password", "listener-password").put("role", "regular").toString(), 201);
            List<Device> mine = new ArrayList<>();
            for (int d = 0; d < devicesPerUser; d++) {
                BenchServer node = d % 2 == 0 ? a : b;
                mine.add(new Device(u, node.login(name, "listener-password", "device-" + d), node));
            }
            devices.add(mine);
        }
        // every device on its node's socket; receipts are matched to the like/unlike that caused them
        List<WebSocket> open = new ArrayList<>();
        for (List<Device> mine : devices) {
            for (Device d : mine) {
                open.add(connect(d, event -> received(d, event)).join());
            }
        }
        ScanBench.log("%d users x %d devices connected; %d rounds per user", users, devicesPerUser, rounds);
        ExecutorService senders = Executors.newFixedThreadPool(users);
        List<Future<?>> done = new ArrayList<>();
        for (List<Device> mine : devices) {
            done.add(senders.submit(() -> {
                for (int r = -warmup; r < rounds; r++) {
                    int k = r + warmup; // the warm-up rounds run the same code, unrecorded (the JIT compiles the path)
                    Device sender = mine.get(k % mine.size());
                    long track = tracks.get((k / 2) % tracks.size());
                    boolean like = k % 2 == 0;
                    String key = sender.user() + ":" + track + ":" + (like ? "like.added" : "like.removed");
                    CountDownLatch all = new CountDownLatch(mine.size() - 1);
                    waiting.put(key, all);
                    senderNode.put(key, sender.node());
                    recorded.put(key, r >= 0);
                    sentAt.put(key, System.nanoTime());
                    long t0 = System.nanoTime();
                    sender.node().send(like ? "PUT" : "DELETE", "/api/v1/user/liked/track/" + track, sender.token(), null, 200);
                    if (r >= 0) {
                        restAnswers.add((System.nanoTime() - t0) / 1e6);
                    }
                    if (!all.await(5, TimeUnit.SECONDS)) {
                        ScanBench.log("round %d of user %d: %d devices never got the event", r, sender.user(), all.getCount());
                    }
                    waiting.remove(key);
                    senderNode.remove(key);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        senders.shutdown();
        printLatency(users, devicesPerUser, rounds);
        idle(devices, idleSockets);
        open.forEach(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }

    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
    private final Map<String, BenchServer> senderNode = new ConcurrentHashMap<>();

    private void received(Device at, JsonNode message) {
        if (!message.path("type").asText().equals("event")) {
            return;
        }
        JsonNode event = message.path("event");
        String key = at.user() + ":" + event.at("/payload/id").asLong() + ":" + event.path("type").asText();
        Long sent = sentAt.get(key);
        CountDownLatch latch = waiting.get(key);
        if (sent == null || latch == null) {
            return;
        }
        double ms = (System.nanoTime() - sent) / 1e6;
        latch.countDown();
        if (!recorded.getOrDefault(key, false)) {
            return;
        }
        // the sender's node is the node of the device that sent it: devices alternate A, B, A, ...
        BenchServer origin = senderOf(key);
        (origin == at.node() ? sameNode : otherNode).add(ms);
        // the server stamps the event when it appends it (same machine, same clock): the push path alone
        java.time.Instant appended = java.time.Instant.parse(event.path("at").asText());
        double fromAppend = java.time.Duration.between(appended, java.time.Instant.now()).toNanos() / 1e6;
        (origin == at.node() ? sameNodeFromCommit : otherNodeFromCommit).add(fromAppend);
    }

    private BenchServer senderOf(String key) {
        return senderNode.get(key);
    }

    private CompletableFuture<WebSocket> connect(Device d, Consumer<JsonNode> onMessage) {
        Client client = new Client(onMessage);
        return wsClient.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + d.node().port + "/api/v1/ws?access_token=" + d.token()), client)
                .thenCompose(ws -> {
                    client.socket = ws;
                    return client.connected.thenApply(c -> ws);
                });
    }

    private List<Long> tracks(String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            JsonNode page = a.send("GET", "/api/v1/content/tracks?limit=100", token, null, 200);
            if (page.path("items").size() >= 100 || System.nanoTime() > deadline) {
                List<Long> ids = new ArrayList<>();
                page.path("items").forEach(t -> ids.add(t.path("id").asLong()));
                if (ids.isEmpty()) {
                    throw new IllegalStateException("the startup scan found no tracks");
                }
                return ids;
            }
            Thread.sleep(500);
        }
    }

    private void printLatency(int users, int devices, int rounds) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Event propagation, device → device (REST change on the sender's node → WebSocket event on"
                + " another device): %d users × %d devices alternating between 2 nodes, %d changes per user after %d unrecorded"
                + " warm-up changes, %s%n%n", users, devices, rounds, warmup, users > 1 ? "users in parallel" : "one change at a time");
        System.out.println("| path | events | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        row("the sender's REST call itself (request → answer)", restAnswers);
        row("same node (in-process bus)", sameNode);
        row("other node (Redis pub/sub)", otherNode);
        row("same node, from the event's append (server clock) → received", sameNodeFromCommit);
        row("other node, from the event's append (server clock) → received", otherNodeFromCommit);
    }

    private static void row(String name, List<Double> values) {
        double[] v;
        synchronized (values) {
            v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        if (v.length == 0) {
            System.out.printf("| %s | 0 | – | – | – | – |%n", name);
            return;
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.1f |%n", name, v.length, pct(v, 50), pct(v, 95), pct(v, 99),
                v[v.length - 1]);
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    // ------------------------------------------------------------------ idle sockets

    private static final int IDLE_WINDOW_SECONDS = 60;
    /** The nodes' signing key (a benchmark's own, random per run), so idle sockets can get sessions of their own. */
    private static final String JWT_SECRET = java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(32));

    /** Devices per user among the idle sockets: a household's phone, laptop, tablet and speaker. */
    private static final int IDLE_DEVICES_PER_USER = 4;

    /**
     * {@code count} devices, each signed in with a session of its own as every real device is, four per user: the
     * first four belong to the benchmark's first user (the live check below expects its pushes), the others to users
     * of their own. Rows are written straight into the shared database and access tokens signed with the nodes' key,
     * because {@code count} password logins would take longer than the rest of the benchmark.
     */
    private List<Device> ownSessions(List<List<Device>> devices, int count) throws Exception {
        long firstUser = a.send("GET", "/api/v1/auth/session", devices.get(0).get(0).token(), null, 200).at("/user/id").asLong();
        List<Device> idle = new ArrayList<>(count);
        com.nimbusds.jose.crypto.MACSigner signer = new com.nimbusds.jose.crypto.MACSigner(JWT_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.Date now = new java.util.Date();
        java.util.Date expires = new java.util.Date(now.getTime() + TimeUnit.MINUTES.toMillis(15));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
             java.sql.PreparedStatement ps = c.prepareStatement("WITH u AS (INSERT INTO users (username, password_hash, role)"
                     + " SELECT 'idle-user-' || g, 'not-a-password-hash', 'REGULAR' FROM generate_series(1, ? - 1) g RETURNING id),"
                     + " owners AS (SELECT ?::bigint AS id UNION ALL SELECT id FROM u),"
                     + " d AS (INSERT INTO devices (user_id, device_key, type, name)"
                     + " SELECT o.id, 'idle-' || o.id || '-' || k, 'other', 'idle ' || k FROM owners o, generate_series(1, ?) k"
                     + " RETURNING id, user_id, device_key)"
                     + " INSERT INTO sessions (id, user_id, device_id, refresh_token_hash, expires_at)"
                     + " SELECT gen_random_uuid(), d.user_id, d.id, sha256(convert_to(d.device_key || random()::text, 'UTF8')),"
                     + " now() + interval '30 days' FROM d RETURNING id, user_id, device_id")) {
            ps.setInt(1, (count + IDLE_DEVICES_PER_USER - 1) / IDLE_DEVICES_PER_USER);
            ps.setLong(2, firstUser);
            ps.setInt(3, IDLE_DEVICES_PER_USER);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next() && idle.size() < count) {
                    long userId = rs.getLong(2);
                    com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                            new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("resonance").subject(Long.toString(userId))
                                    .claim("sid", rs.getString(1)).claim("did", rs.getLong(3)).issueTime(now).expirationTime(expires)
                                    .jwtID(java.util.UUID.randomUUID().toString()).build());
                    jwt.sign(signer);
                    idle.add(new Device(userId == firstUser ? 0 : -1, jwt.serialize(), a));
                }
            }
        }
        return idle;
    }

    private void idle(List<List<Device>> devices, int count) throws Exception {
        List<Device> all = ownSessions(devices, count);
        long rssBefore = a.status("VmRSS");
        long heapBefore = heapUsedKb(a);
        AtomicInteger pushes = new AtomicInteger();
        List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
        // like a real client: an application ping every heartbeatSeconds (30) keeps the socket inside the idle timeout
        java.util.concurrent.ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        pinger.scheduleAtFixedRate(() -> {
            synchronized (sockets) {
                sockets.forEach(ws -> {
                    try {
                        ws.sendText("{\"type\":\"ping\"}", true);
                    } catch (IllegalStateException busy) {
                        // the previous frame is still being sent: skip this beat
                    }
                });
            }
        }, 30, 30, TimeUnit.SECONDS);
        int failed = 0;
        long expected = 0;
        long t0 = System.nanoTime();
        for (int start = 0; start < count; start += 500) {
            List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
            List<Device> batchDevices = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + 500); i++) {
                Device d = all.get(i % all.size());
                batchDevices.add(d);
                batch.add(connect(d, m -> {
                    if (m.path("type").asText().equals("event")) {
                        pushes.incrementAndGet();
                    }
                }));
            }
            for (int i = 0; i < batch.size(); i++) {
                try {
                    sockets.add(batch.get(i).get(60, TimeUnit.SECONDS));
                    if (batchDevices.get(i).user() == 0) {
                        expected++; // the live check below expects a push on every open socket of user 0
                    }
                } catch (Exception e) {
                    failed++;
                }
            }
            if (failed > 0 && sockets.isEmpty()) {
                break;
            }
        }
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        ScanBench.log("%d idle sockets open on node A in %.1f s (%d failed)", sockets.size(), openSeconds, failed);
        Thread.sleep(5000);
        long rssAfter = a.status("VmRSS");
        long heapAfter = heapUsedKb(a);
        // one more change by a device on node B: every idle socket of that user on node A must get it
        Device sender = devices.get(0).stream().filter(d -> d.node() == b).findFirst().orElseThrow();
        if (failed > 0) {
            ScanBench.log("%d sockets were refused: the live check expects pushes only on the %d that opened", failed, sockets.size());
        }
        String admin = a.login("bench", "bench-password", "bench-admin");
        long track = tracks(admin).get(0);
        long sent = System.nanoTime();
        sender.node().send("PUT", "/api/v1/user/liked/track/" + track, sender.token(), null, 200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pushes.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double fanOutMs = (System.nanoTime() - sent) / 1e6;
        // what idle sockets cost while nothing happens: two periodic session rechecks (every 30 s) and two pings each
        ScanBench.log("measuring the idle cost of %d sockets for %d s", sockets.size(), IDLE_WINDOW_SECONDS);
        Thread.sleep(15_000); // the statistics of the fan-out above reach pg_stat_database
        double jvm0 = ScanBench.cpuSeconds(a.pid());
        double db0 = ScanBench.dbCpuSeconds(database);
        long tx0 = BenchServer.transactions(database);
        Thread.sleep(IDLE_WINDOW_SECONDS * 1000L);
        double idleJvm = ScanBench.cpuSeconds(a.pid()) - jvm0;
        double idleDb = ScanBench.dbCpuSeconds(database) - db0;
        long idleTx = BenchServer.transactions(database) - tx0;
        System.out.println();
        System.out.printf(Locale.ROOT, "Idle authenticated sockets on one node (node A, heap limit %s), pinging every 30 s%n%n",
                nodeHeap);
        System.out.println("| sockets open | failed | time to open | RSS before → after MiB | heap used before → after MiB (after full GC)"
                + " | per socket: RSS / heap KiB | live check: pushes received / expected | fan-out time |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        int n = Math.max(1, sockets.size());
        System.out.printf(Locale.ROOT, "| %,d | %d | %.1f s | %d → %d | %d → %d | %.1f / %.1f | %,d / %,d | %.0f ms |%n", sockets.size(), failed,
                openSeconds, rssBefore / 1024, rssAfter / 1024, heapBefore / 1024, heapAfter / 1024,
                (rssAfter - rssBefore) / (double) n, (heapAfter - heapBefore) / (double) n, pushes.get(), expected, fanOutMs);
        System.out.println();
        System.out.printf(Locale.ROOT, "Idle cost of those sockets over %d s (two session rechecks, two pings each): node A CPU %.1f s,"
                + " PostgreSQL CPU %.1f s (both nodes' backends), %,d transactions committed%n", IDLE_WINDOW_SECONDS, idleJvm, idleDb, idleTx);
        pinger.shutdownNow();
        if (!CLOSES.isEmpty()) {
            System.out.println();
            System.out.println("Sockets closed by the server during the run (close code → count): " + CLOSES);
        }
        sockets.forEach(ws -> ws.abort());
    }

    /** Heap in use on {@code server} after a full collection, from {@code jcmd GC.heap_info}. */
    private static long heapUsedKb(BenchServer server) throws Exception {
        server.jcmd("GC.run");
        Matcher m = USED.matcher(server.jcmd("GC.heap_info"));
        long used = 0;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
        }
        return used;
    }
}
