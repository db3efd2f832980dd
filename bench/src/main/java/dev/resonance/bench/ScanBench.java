package dev.resonance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The library scan and browse benchmark (bench/scan/run): for each size, generates (or reuses) a synthetic library,
 * starts the real distribution on a fresh PostgreSQL database with the startup scan and the watcher off, and measures
 * a cold full scan, an unchanged quick rescan, an unchanged full rescan, a quick rescan after touching 1 % of the
 * files, and (on the largest size) browse latency. Prints Markdown tables on stdout; progress goes to stderr.
 */
public final class ScanBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    record ScanResult(String kind, double wallSeconds, JsonNode last, long peakRssKb, long hwmKb, double walkSeconds,
                      double jvmCpuSeconds, double dbCpuSeconds, String loadBefore, String loadAfter) {
        long added() {
            return last.path("added").asLong();
        }

        double serverSeconds() {
            return Duration.between(instant(last.path("startedAt")), instant(last.path("finishedAt"))).toMillis() / 1000.0;
        }
    }

    record SizeResult(int tracks, Path library, LibraryGenerator.Plan plan, double generateSeconds, ScanResult cold,
                      ScanResult quick, ScanResult fullRescan, LibraryGenerator.Touched touched, ScanResult touchScan,
                      long rssBeforeKb, long rssAfterScansKb, Map<String, double[]> browse, Map<String, Long> counts) {
    }

    private final Path dist;
    private final Path work;
    private final long seed;
    private final int browseRuns;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BenchServer server;
    private String base;
    private String token;
    private String database;

    ScanBench(Path dist, Path work, long seed, int browseRuns) {
        this.dist = dist;
        this.work = work;
        this.seed = seed;
        this.browseRuns = browseRuns;
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--first-start")) {
            FirstStartBench.main(Arrays.stream(args).filter(a -> !a.equals("--first-start")).toArray(String[]::new));
            return;
        }
        List<Integer> sizes = List.of(10_000, 100_000);
        long seed = 42;
        int browseRuns = 500;
        Path dist = null;
        String browseAt = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(s -> Integer.parseInt(s.strip().replace("_", "")))
                        .toList();
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--browse-runs" -> browseRuns = Integer.parseInt(args[++i]);
                case "--browse-at" -> browseAt = args[++i];
                case "--dist" -> dist = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dist == null) {
            throw new IllegalArgumentException("--dist <built assembly dir> is required");
        }
        int browseSize = browseAt != null ? Integer.parseInt(browseAt) : sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        Path work = Files.createTempDirectory("resonance-bench-scan");
        ScanBench bench = new ScanBench(dist, work, seed, browseRuns);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanUp));
        List<SizeResult> results = new ArrayList<>();
        try {
            for (int size : sizes) {
                results.add(bench.runSize(size, size == browseSize));
            }
        } finally {
            bench.cleanUp();
            LibraryGenerator.deleteTree(work);
        }
        print(results);
    }

    // ------------------------------------------------------------------ one size

    /** A generated library ready to scan: where, what is in it, how long generating (or finding it cached) took. */
    record Library(Path dir, LibraryGenerator.Plan plan, double generateSeconds) {
    }

    /** Generates the library of {@code tracks} files (or reuses the cached one) and verifies a sample of it. */
    static Library prepareLibrary(int tracks, long seed) throws Exception {
        Path library = LibraryGenerator.defaultDir(tracks, seed);
        long g0 = System.nanoTime();
        LibraryGenerator.Plan plan = LibraryGenerator.ensure(library, tracks, seed, Math.max(2, Runtime.getRuntime().availableProcessors()));
        double generateSeconds = (System.nanoTime() - g0) / 1e9;
        Verify.Result v = Verify.sample(library, plan, 200, seed);
        log(v.toString());
        if (!v.ok()) {
            throw new IllegalStateException("generated library failed verification");
        }
        return new Library(library, plan, generateSeconds);
    }

    SizeResult runSize(int tracks, boolean browse) throws Exception {
        Library lib = prepareLibrary(tracks, seed);
        Path library = lib.dir();
        LibraryGenerator.Plan plan = lib.plan();
        double generateSeconds = lib.generateSeconds();
        startServer(library, tracks);
        try {
            long idleRss = rss("VmRSS");
            ScanResult cold = scan("full");
            log("cold full scan: %.1f s, %s", cold.wallSeconds(), cold.last());
            ScanResult quick = scan("quick");
            log("unchanged quick rescan: %.2f s, %s", quick.wallSeconds(), quick.last());
            ScanResult full = scan("full");
            log("unchanged full rescan: %.1f s, %s", full.wallSeconds(), full.last());
            LibraryGenerator.Touched touched = LibraryGenerator.touch(library, plan, 0.01);
            ScanResult touchScan = scan("quick");
            log("touched %d (%d retitled), quick rescan: %.2f s, %s", touched.mtimeOnly() + touched.retitled(), touched.retitled(),
                    touchScan.wallSeconds(), touchScan.last());
            long rss = rss("VmRSS");
            Map<String, Long> counts = counts();
            Map<String, double[]> latencies = browse && browseRuns > 0 ? browse() : Map.of();
            return new SizeResult(tracks, library, plan, generateSeconds, cold, quick, full, touched, touchScan, idleRss,
                    rss, latencies, counts);
        } finally {
            stopServer();
        }
    }

    // ------------------------------------------------------------------ server lifecycle

    void startServer(Path library, int tracks) throws Exception {
        database = "resonance_bench_" + ProcessHandle.current().pid() + "_" + tracks;
        BenchServer.createDatabase(database);
        // the benchmark starts every scan itself: no startup scan, no watcher
        server = BenchServer.start(dist, work.resolve("run-" + tracks), database, Map.of("MUSIC_LIBRARY_PATH",
                library.toAbsolutePath().toString()), home -> Files.writeString(home.resolve("etc/resonance.core.library.cfg"), """
                # written by bench/scan/run
                scanOnStartup = false
                watch = false
                watchDebounceSeconds = 3
                readers = 0
                purgeMissingDays = 30
                """));
        base = server.base;
        token = server.login("bench", "bench-password", "bench");
        // the library row exists once the library component is up
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> r = get("/api/v1/library/scan");
            if (r.statusCode() == 200) {
                break;
            }
            Thread.sleep(100);
        }
        log("resonance pid %d on port %d, database %s, library %s", server.pid(), server.port, database, library);
    }

    /** The running server (null when stopped), for benchmarks that reuse this one's server lifecycle and scans. */
    BenchServer server() {
        return server;
    }

    synchronized void cleanUp() {
        stopServer();
        if (database != null && System.getenv("RESONANCE_BENCH_KEEP_DB") != null) {
            log("database %s kept for inspection (RESONANCE_BENCH_KEEP_DB): psql -h 127.0.0.1 -U postgres %s", database, database);
        } else if (database != null) {
            BenchServer.dropDatabase(database);
        }
        database = null;
    }

    synchronized void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    // ------------------------------------------------------------------ scans

    ScanResult scan(String kind) throws Exception {
        JsonNode before = JSON.readTree(get("/api/v1/library/scan").body()).path("last");
        String previousStart = before.isArray() && before.size() > 0 ? before.get(0).path("startedAt").asText() : "";
        PeakSampler peak = new PeakSampler("rss-sampler", 100, () -> rss("VmRSS"));
        String loadBefore = loadAverage();
        double jvmCpu0 = cpuSeconds(server.pid());
        double dbCpu0 = dbCpuSeconds();
        long t0 = System.nanoTime();
        post("/api/v1/admin/library/scan", "{\"kind\":\"" + kind + "\"}", 202);
        JsonNode last;
        while (true) {
            JsonNode status = JSON.readTree(get("/api/v1/library/scan").body());
            last = status.path("last").isArray() && status.path("last").size() > 0 ? status.path("last").get(0) : null;
            boolean newRecord = last != null && !last.path("startedAt").asText().equals(previousStart);
            if (!status.path("running").asBoolean() && newRecord) {
                break;
            }
            Thread.sleep(kind.equals("quick") ? 20 : 100);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        peak.close();
        ((com.fasterxml.jackson.databind.node.ObjectNode) last).remove("problems");
        // the scanner's own measure of its walk (diffing against the catalog as files are found)
        double walkSeconds = last.path("phaseMillis").path("walking").asDouble(-1000) / 1000;
        ScanResult result = new ScanResult(kind, wall, last, peak.peak(), rss("VmHWM"), walkSeconds,
                cpuSeconds(server.pid()) - jvmCpu0, dbCpuSeconds() - dbCpu0, loadBefore, loadAverage());
        log("%s scan: JVM CPU %.1f s, PostgreSQL backends CPU %.1f s, load average %s -> %s", kind, result.jvmCpuSeconds(),
                result.dbCpuSeconds(), loadBefore, result.loadAfter());
        return result;
    }

    /** utime + stime of a process, in seconds (clock ticks of 1/100 s on Linux). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU of the PostgreSQL backends serving our database (found by their process title). */
    double dbCpuSeconds() {
        return database == null ? 0 : dbCpuSeconds(database);
    }

    /** CPU of the PostgreSQL backends serving {@code db} (found by their process title). */
    static double dbCpuSeconds(String db) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String cmd = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline"));
                return cmd.startsWith("postgres: ") && cmd.contains(" " + db + " ");
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).mapToDouble(p -> cpuSeconds(p.pid())).sum();
    }

    /**
     * Waits (at most 3 min) until PostgreSQL's autovacuum has no worker on our database for 2 s: the rescans before
     * the browse measurement leave ~100k dead row versions, and a vacuum of them competes for the same 2 cores.
     */
    void awaitAutovacuum() throws InterruptedException {
        long start = System.nanoTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - start < 180e9) {
            boolean busy = ProcessHandle.allProcesses().anyMatch(p -> {
                try {
                    return Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).startsWith("postgres: autovacuum worker " + database);
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
            if (busy) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 2e9) {
                break;
            }
            Thread.sleep(100);
        }
        log("autovacuum idle on %s after %.1f s; browsing", database, (System.nanoTime() - start) / 1e9 - 2);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0];
        } catch (IOException e) {
            return "?";
        }
    }

    long rss(String field) {
        BenchServer running = server;
        return running == null ? 0 : Math.max(0, running.status(field));
    }

    Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("albums", JSON.readTree(get("/api/v1/content/albums?limit=1").body()).path("total").asLong());
        counts.put("artists", JSON.readTree(get("/api/v1/content/artists?limit=1").body()).path("total").asLong());
        counts.put("tracks", JSON.readTree(get("/api/v1/content/tracks?limit=1").body()).path("total").asLong());
        return counts;
    }

    // ------------------------------------------------------------------ browse latency

    Map<String, double[]> browse() throws Exception {
        awaitAutovacuum();
        Random rnd = new Random(seed);
        Map<String, List<String>> cursors = new LinkedHashMap<>();
        List<Long> albumIds = new ArrayList<>();
        for (String sort : List.of("title", "recent", "newest", "year")) {
            cursors.put(sort, walk("/api/v1/content/albums?sort=" + sort + "&limit=50", sort.equals("title") ? albumIds : null));
        }
        cursors.put("artists", walk("/api/v1/content/artists?limit=50", null));
        cursors.put("tracks", walk("/api/v1/content/tracks?limit=50", null, 400));
        log("cursors: %s; %d album ids", cursors.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList(),
                albumIds.size());
        Map<String, java.util.function.Supplier<String>> endpoints = new LinkedHashMap<>();
        // baselines: the cost of any request (no auth, no query) and of an authenticated one without a catalog query
        endpoints.put("baseline: GET /health", () -> "/health");
        endpoints.put("baseline: GET /library/scan (auth, in memory)", () -> "/api/v1/library/scan");
        for (String sort : List.of("title", "recent", "newest", "year")) {
            endpoints.put("GET /content/albums?sort=" + sort, () -> "/api/v1/content/albums?sort=" + sort);
            List<String> c = cursors.get(sort);
            endpoints.put("GET /content/albums?sort=" + sort + "&after=…", () -> "/api/v1/content/albums?sort=" + sort + "&after="
                    + enc(c.get(rnd.nextInt(c.size()))));
        }
        endpoints.put("GET /content/artists", () -> "/api/v1/content/artists");
        List<String> ac = cursors.get("artists");
        endpoints.put("GET /content/artists?after=…", () -> "/api/v1/content/artists?after=" + enc(ac.get(rnd.nextInt(ac.size()))));
        endpoints.put("GET /content/albums/{id}", () -> "/api/v1/content/albums/" + albumIds.get(rnd.nextInt(albumIds.size())));
        endpoints.put("GET /content/tracks?limit=50", () -> "/api/v1/content/tracks?limit=50");
        List<String> tc = cursors.get("tracks");
        endpoints.put("GET /content/tracks?limit=50&after=…", () -> "/api/v1/content/tracks?limit=50&after="
                + enc(tc.get(rnd.nextInt(tc.size()))));
        endpoints.put("GET /content/genres", () -> "/api/v1/content/genres");

        Map<String, double[]> result = new LinkedHashMap<>();
        // a warm-up over every endpoint before measuring any, so that no endpoint is measured while the server is still
        // compiling code the later ones share (JSON writing, Jersey, the driver), then 100 more of each right before it
        for (int round = 0; round < 3; round++) {
            for (var e : endpoints.values()) {
                for (int i = 0; i < 100; i++) {
                    timed(e.get());
                }
            }
        }
        for (var e : endpoints.entrySet()) {
            for (int i = 0; i < 100; i++) { // warm-up
                timed(e.getValue().get());
            }
            double[] ms = new double[browseRuns];
            double[] server = new double[browseRuns];
            for (int i = 0; i < browseRuns; i++) {
                double[] t = timed(e.getValue().get());
                ms[i] = t[0];
                server[i] = t[1];
            }
            Arrays.sort(ms);
            Arrays.sort(server);
            result.put(e.getKey(), new double[] {pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1],
                    pct(server, 50), pct(server, 95), pct(server, 99)});
            log("%-44s p50 %.2f p95 %.2f p99 %.2f ms (server p95 %.2f)", e.getKey(), pct(ms, 50), pct(ms, 95), pct(ms, 99), pct(server, 95));
        }
        return result;
    }

    private List<String> walk(String first, List<Long> ids) throws Exception {
        return walk(first, ids, Integer.MAX_VALUE);
    }

    /** Follows {@code next} cursors through the whole listing (at most {@code maxPages}); returns every cursor seen. */
    private List<String> walk(String first, List<Long> ids, int maxPages) throws Exception {
        List<String> out = new ArrayList<>();
        String url = first;
        for (int page = 0; page < maxPages; page++) {
            HttpResponse<String> r = get(url);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
            }
            JsonNode body = JSON.readTree(r.body());
            if (ids != null) {
                body.path("items").forEach(i -> ids.add(i.path("id").asLong()));
            }
            JsonNode next = body.path("next");
            if (next.isMissingNode() || next.isNull() || next.asText().isEmpty()) {
                break;
            }
            out.add(next.asText());
            url = first + "&after=" + enc(next.asText());
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no second page for " + first);
        }
        return out;
    }

    /** {client ms, server ms}: the round trip as the client saw it, and the API's own Server-Timing (NaN if absent). */
    private double[] timed(String path) throws Exception {
        long t0 = System.nanoTime();
        // a plain blocking keep-alive connection: java.net.http.HttpClient hands every exchange between its selector
        // and executor threads, which on 2 cores adds ~1 ms and its own tail to what is measured
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(base + path).toURL().openConnection();
        c.setRequestProperty("Authorization", "Bearer " + token);
        int status = c.getResponseCode();
        byte[] body;
        try (var in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            body = in.readAllBytes(); // read to the end so the connection goes back to the keep-alive cache
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (status != 200) {
            throw new IllegalStateException(path + " -> " + status + " " + new String(body, StandardCharsets.UTF_8));
        }
        String timing = c.getHeaderField("Server-Timing");
        double server = timing != null && timing.startsWith("app;dur=") ? Double.parseDouble(timing.substring("app;dur=".length())) : Double.NaN;
        return new double[] {ms, server};
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    // ------------------------------------------------------------------ HTTP helpers

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(String path, String json, int expected) throws Exception {
        HttpResponse<String> r = http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ output

    static void print(List<SizeResult> results) {
        System.out.println("| library | files (corrupt) | albums / artists in catalog | cold full scan | tracks/s | RSS MiB: idle → peak (VmHWM) "
                + "| unchanged quick rescan | unchanged full rescan | 1 % touched → quick rescan | scan errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (SizeResult r : results) {
            ScanResult c = r.cold();
            double tps = (c.added() + c.last().path("errors").asLong()) / c.serverSeconds();
            System.out.printf(Locale.ROOT, "| %,d tracks | %,d (%d) | %,d / %,d | %.1f s (walk+diff %.1f s) | %,.0f | %d → %d (%d) | %.2f s | %.1f s "
                            + "| %.2f s (%d files, %d retitled; updated %d) | %d / %d / %d / %d |%n",
                    r.tracks(), r.tracks(), r.plan().corruptCount(), r.counts().get("albums"), r.counts().get("artists"),
                    c.wallSeconds(), c.walkSeconds(), tps, r.rssBeforeKb() / 1024, c.peakRssKb() / 1024, c.hwmKb() / 1024, r.quick().wallSeconds(),
                    r.fullRescan().wallSeconds(), r.touchScan().wallSeconds(), r.touched().mtimeOnly() + r.touched().retitled(),
                    r.touched().retitled(), r.touchScan().last().path("updated").asLong(),
                    c.last().path("errors").asLong(), r.quick().last().path("errors").asLong(),
                    r.fullRescan().last().path("errors").asLong(), r.touchScan().last().path("errors").asLong());
        }
        System.out.println();
        System.out.println("Targets (100k): cold scan < 40 s (≥ 2,500 tracks/s), unchanged rescan < 3 s, RSS < 350 MB while scanning, browse p95 < 5 ms.");
        System.out.println("Scan errors: cold / quick / full / touched scan; every error should be one of the deliberate corrupt files.");
        System.out.println("Peak RSS sampled every 100 ms during the cold full scan (VmHWM: the JVM's high-water mark since boot).");
        System.out.println();
        System.out.println("| library | scan | wall s | walk+diff s | JVM CPU s | PostgreSQL CPU s | load avg before → after |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (SizeResult r : results) {
            for (var e : List.of(Map.entry("cold full", r.cold()), Map.entry("unchanged quick", r.quick()),
                    Map.entry("unchanged full", r.fullRescan()), Map.entry("1 % touched, quick", r.touchScan()))) {
                ScanResult c = e.getValue();
                System.out.printf(Locale.ROOT, "| %,d | %s | %.2f | %.2f | %.1f | %.1f | %s → %s |%n", r.tracks(), e.getKey(),
                        c.wallSeconds(), c.walkSeconds(), c.jvmCpuSeconds(), c.dbCpuSeconds(), c.loadBefore(), c.loadAfter());
            }
        }
        for (SizeResult r : results) {
            if (r.browse().isEmpty()) {
                continue;
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "Browse latency at %,d tracks (%,d albums), sequential over loopback keep-alive, bearer token%n",
                    r.tracks(), r.counts().get("albums"));
            System.out.println();
            System.out.println("| endpoint | p50 ms | p95 ms | p99 ms | max ms | server p50 / p95 / p99 ms |");
            System.out.println("|---|---|---|---|---|---|");
            for (var e : r.browse().entrySet()) {
                double[] v = e.getValue();
                System.out.printf(Locale.ROOT, "| `%s` | %.2f | %.2f | %.2f | %.1f | %s |%n", e.getKey(), v[0], v[1], v[2], v[3],
                        Double.isNaN(v[4]) ? "—" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f", v[4], v[5], v[6]));
            }
        }
    }

    // ------------------------------------------------------------------ misc

    static Instant instant(JsonNode n) {
        if (n.isNumber()) {
            return Instant.ofEpochMilli(Math.round(n.asDouble() * 1000));
        }
        return Instant.parse(n.asText());
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
