package dev.resonance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Issue 17's Subsonic targets (bench/subsonic/run) on one generated library (default 100,000 tracks): the built
 * distribution on a fresh database, the library scanned, the subsonic plugin installed and enabled through the plugin
 * manager, an app password made through the REST API; then {@code getAlbumList2}, {@code search3}, {@code getAlbum} and
 * the time to the first byte of {@code stream} (the original file), each at 1 and at 16 concurrent clients. Every
 * request signs in as DSub does: username + token of the app password with a fresh salt (the expensive case: a
 * credential never seen before). Client round trips over loopback keep-alive connections; the targets apply to them
 * (the plugin's answers carry no {@code Server-Timing}). Timings are reported, never asserted.
 */
public final class SubsonicBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Row(String name, int concurrency, int n, double[] ms, String target, double targetMs, int targetPct, String notes) {
        String met() {
            return pct(ms, targetPct) < targetMs ? "met" : "**missed**";
        }
    }

    private final ScanBench scanBench;
    private final int tracks;
    private final long seed;
    private final int warmup;
    private final int runs;
    private final int[] concurrencies;
    private final List<Row> rows = new ArrayList<>();
    private String base;
    private String secret;
    private final List<String> albumIds = new ArrayList<>();
    private final List<String> songIds = new ArrayList<>();
    private final List<String> queries = new ArrayList<>();
    private String scanNote = "";

    SubsonicBench(ScanBench scanBench, int tracks, long seed, int warmup, int runs, int[] concurrencies) {
        this.scanBench = scanBench;
        this.tracks = tracks;
        this.seed = seed;
        this.warmup = warmup;
        this.runs = runs;
        this.concurrencies = concurrencies;
    }

    public static void main(String[] args) throws Exception {
        int tracks = 100_000;
        long seed = 42;
        int warmup = 300;
        int runs = 2000;
        int[] concurrencies = {1, 16};
        Path dist = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tracks" -> tracks = Integer.parseInt(args[++i].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrencies = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--dist" -> dist = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dist == null) {
            throw new IllegalArgumentException("--dist <built assembly dir> is required");
        }
        // one keep-alive connection per client thread
        System.setProperty("http.maxConnections", "64");
        String started = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String loadStart = ListenBench.loadAverages();
        Path work = Files.createTempDirectory("resonance-bench-subsonic");
        ScanBench scan = new ScanBench(dist, work, seed, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(scan::cleanUp));
        SubsonicBench bench = new SubsonicBench(scan, tracks, seed, warmup, runs, concurrencies);
        try {
            bench.run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            throw e;
        } finally {
            scan.cleanUp();
            LibraryGenerator.deleteTree(work);
        }
        bench.print(started, String.format(Locale.ROOT, "--tracks %d --seed %d --warmup %d --runs %d --concurrency %s", tracks, seed,
                warmup, runs, Arrays.toString(concurrencies)), loadStart, ListenBench.loadAverages());
    }

    void run() throws Exception {
        ScanBench.Library lib = ScanBench.prepareLibrary(tracks, seed);
        scanBench.startServer(lib.dir(), tracks);
        BenchServer server = scanBench.server();
        base = server.base;
        String token = server.login("bench", "bench-password", "subsonic-bench");
        ScanBench.ScanResult scanned = scanBench.scan("full");
        scanNote = String.format(Locale.ROOT, "%,d tracks scanned in %.1f s", scanned.added(), scanned.wallSeconds());
        scanBench.awaitAutovacuum();

        server.send("POST", "/api/v1/admin/plugins", token, "{\"id\":\"subsonic\"}", 200);
        server.send("POST", "/api/v1/admin/plugins/subsonic/enable", token, null, 200);
        secret = server.send("POST", "/api/v1/user/app-passwords", token, "{\"name\":\"bench\"}", 201).path("secret").asText();
        for (int i = 0; i < 200 && !ok(call("ping", "")); i++) {
            Thread.sleep(100);
        }
        if (!ok(call("ping", ""))) {
            throw new IllegalStateException("the subsonic plugin does not answer /rest/ping");
        }
        collect();

        Random rnd = new Random(seed);
        String[] types = {"newest", "alphabeticalByName", "alphabeticalByArtist", "random", "frequent", "recent"};
        measure("getAlbumList2 (size 50; newest, by name, by artist, random, frequent, recent in turn; offsets 0–2,000)", 10,
                i -> "getAlbumList2" + q("type", types[i % types.length]) + q("size", "50") + q("offset", Integer.toString(50 * rnd.nextInt(40))));
        measure("search3 (a 1–3 word prefix of an artist, album or song name; 20 of each)", 15,
                i -> "search3" + q("query", queries.get(i % queries.size())));
        measure("getAlbum (a random album of the library)", 5, i -> "getAlbum" + q("id", albumIds.get(rnd.nextInt(albumIds.size()))));
        streamTtfb();
    }

    /** Album and song ids and search prefixes, read through the API itself. */
    private void collect() throws Exception {
        for (int offset = 0; ; offset += 500) {
            JsonNode list = call("getAlbumList2", q("type", "alphabeticalByName") + q("size", "500") + q("offset", Integer.toString(offset)))
                    .at("/subsonic-response/albumList2/album");
            if (!list.isArray() || list.isEmpty()) {
                break;
            }
            for (JsonNode album : list) {
                albumIds.add(album.path("id").asText());
                if (queries.size() < 200 && albumIds.size() % 37 == 0) {
                    queries.add(prefix(album.path("name").asText()));
                    queries.add(prefix(album.path("artist").asText()));
                }
            }
        }
        Random rnd = new Random(seed);
        for (int i = 0; i < 200; i++) {
            JsonNode songs = call("getAlbum", q("id", albumIds.get(rnd.nextInt(albumIds.size())))).at("/subsonic-response/album/song");
            for (JsonNode song : songs) {
                songIds.add(song.path("id").asText());
                if (queries.size() < 300 && songIds.size() % 11 == 0) {
                    queries.add(prefix(song.path("title").asText()));
                }
            }
        }
        ScanBench.log("%d albums, %d songs sampled, %d search prefixes (e.g. %s)", albumIds.size(), songIds.size(), queries.size(),
                queries.subList(0, Math.min(6, queries.size())));
    }

    /** The first 1–3 words of a name, the last one cut to at least 3 letters: what is typed into an app's search. */
    private String prefix(String name) {
        String[] words = name.strip().split("\\s+");
        int k = 1 + Math.floorMod(name.hashCode(), Math.min(3, words.length));
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < k - 1; w++) {
            sb.append(words[w]).append(' ');
        }
        String last = words[k - 1];
        return sb.append(last, 0, Math.min(last.length(), Math.max(3, last.length() - 2))).toString();
    }

    private void measure(String name, double targetMs, IntFunction<String> request) throws Exception {
        for (int i = 0; i < warmup; i++) {
            expectOk(request.apply(i));
        }
        for (int c : concurrencies) {
            String load0 = ScanBench.loadAverage();
            Cpu cpu0 = cpu();
            double[] ms = timed(c, i -> {
                String r = request.apply(i);
                long t0 = System.nanoTime();
                expectOk(r);
                return (System.nanoTime() - t0) / 1e6;
            });
            String perRequest = cpu().perRequest(cpu0, runs);
            ScanBench.log("%-40s c=%-2d p50 %.2f p95 %.2f p99 %.2f ms", name.substring(0, Math.min(40, name.length())), c, pct(ms, 50),
                    pct(ms, 95), pct(ms, 99));
            rows.add(new Row(name, c, runs, ms, "p95 < " + (int) targetMs + " ms", targetMs, 95, perRequest + "; load " + load0 + " → "
                    + ScanBench.loadAverage()));
        }
    }

    /** Time to the first byte of the original file (the stream is then read to its end, as a player does). */
    private void streamTtfb() throws Exception {
        Random rnd = new Random(seed + 1);
        for (int i = 0; i < warmup; i++) {
            ttfb(songIds.get(rnd.nextInt(songIds.size())));
        }
        for (int c : concurrencies) {
            String load0 = ScanBench.loadAverage();
            Cpu cpu0 = cpu();
            double[] ms = timed(c, i -> ttfb(songIds.get(ThreadLocalRandom.current().nextInt(songIds.size()))));
            String perRequest = cpu().perRequest(cpu0, runs);
            ScanBench.log("%-40s c=%-2d p50 %.2f p95 %.2f p99 %.2f ms", "stream TTFB", c, pct(ms, 50), pct(ms, 95), pct(ms, 99));
            rows.add(new Row("stream, time to the first byte (`format=raw`, a random song; read to the end)", c, runs, ms, "p99 < 5 ms",
                    5, 99, perRequest + "; load " + load0 + " → " + ScanBench.loadAverage()));
        }
    }

    /** CPU seconds spent so far by the server's JVM, the PostgreSQL backends of its database and this client. */
    private record Cpu(double server, double database, double client) {
        /** The CPU each of {@code n} requests since {@code before} cost, per process, in ms. */
        String perRequest(Cpu before, int n) {
            return String.format(Locale.ROOT, "CPU per request: server %.2f, PostgreSQL %.2f, client %.2f ms",
                    (server - before.server) * 1000 / n, (database - before.database) * 1000 / n, (client - before.client) * 1000 / n);
        }
    }

    private Cpu cpu() {
        return new Cpu(ScanBench.cpuSeconds(scanBench.server().pid()), scanBench.dbCpuSeconds(),
                ScanBench.cpuSeconds(ProcessHandle.current().pid()));
    }

    private double ttfb(String songId) throws IOException {
        RawHttp.Answer answer = http().get("/rest/stream" + auth() + q("id", songId) + q("format", "raw"), false);
        if (answer.status() != 200) {
            throw new IllegalStateException("stream " + songId + " answered " + answer.status());
        }
        return answer.firstByteNanos() / 1e6;
    }

    /** Each client thread's own keep-alive connection (closed after each measurement). */
    private final ThreadLocal<RawHttp> connections = new ThreadLocal<>();
    private final List<RawHttp> opened = java.util.Collections.synchronizedList(new ArrayList<>());

    private RawHttp http() {
        RawHttp c = connections.get();
        if (c == null) {
            c = new RawHttp(base);
            connections.set(c);
            opened.add(c);
        }
        return c;
    }

    private interface Timed {
        double run(int i) throws Exception;
    }

    /** {@code runs} timed requests spread over {@code concurrency} client threads; sorted times in ms. */
    private double[] timed(int concurrency, Timed each) throws Exception {
        double[] ms = new double[runs];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> workers = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            for (int t = 0; t < concurrency; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < runs; i = next.getAndIncrement()) {
                        ms[i] = each.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
            synchronized (opened) {
                for (RawHttp c : opened) {
                    c.close();
                }
                opened.clear();
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    /** The request answered status ok; the answer is not parsed (the client's CPU is the server's here, on 2 cores). */
    private void expectOk(String request) throws IOException {
        int q = request.indexOf('&');
        String method = q < 0 ? request : request.substring(0, q);
        byte[] answer = raw(method, q < 0 ? "" : request.substring(q));
        String head = new String(answer, 0, Math.min(answer.length, 120), StandardCharsets.UTF_8);
        if (!head.contains("\"status\":\"ok\"")) {
            throw new IllegalStateException(request + " answered " + new String(answer, StandardCharsets.UTF_8));
        }
    }

    private static boolean ok(JsonNode answer) {
        return answer.at("/subsonic-response/status").asText().equals("ok");
    }

    /** {@code /rest/<method>} in JSON with fresh token credentials, parsed; {@code params} starts with {@code &}. */
    private JsonNode call(String method, String params) throws IOException {
        return JSON.readTree(raw(method, params));
    }

    private byte[] raw(String method, String params) throws IOException {
        RawHttp.Answer answer = http().get("/rest/" + method + auth() + params, true);
        if (answer.status() != 200) {
            throw new IllegalStateException(method + " answered HTTP " + answer.status() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return answer.body();
    }

    private String auth() {
        byte[] raw = new byte[6];
        ThreadLocalRandom.current().nextBytes(raw);
        String salt = HexFormat.of().formatHex(raw);
        try {
            String token = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((secret + salt).getBytes(StandardCharsets.UTF_8)));
            return "?u=bench&t=" + token + "&s=" + salt + "&v=1.16.1&c=bench&f=json";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String q(String name, String value) {
        return "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static double pct(double[] sorted, int p) {
        return ListenBench.pct(sorted, p);
    }

    void print(String started, String options, String loadStart, String loadEnd) {
        System.out.printf(Locale.ROOT, "Subsonic benchmark, %s UTC: %s%n", started, options);
        System.out.println("Library: " + scanNote + "; load average (1/5/15 min) at the start: " + loadStart + "; at the end: " + loadEnd);
        System.out.println();
        System.out.println("| request | clients | n | p50 / p95 / p99 / max ms | target | met? | notes |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %d | %,d | %.2f / %.2f / %.2f / %.1f | %s | %s | %s |%n", r.name(), r.concurrency(), r.n(),
                    pct(r.ms(), 50), pct(r.ms(), 95), pct(r.ms(), 99), r.ms()[r.ms().length - 1], r.target(), r.met(), r.notes());
        }
        System.out.println();
        System.out.println("Client round trips over loopback keep-alive connections (one per client, a minimal HTTP/1.1 client: RawHttp),"
                + " each request signed in with a fresh"
                + " token salt as DSub does. No peer server could be built or run on this machine (no Go toolchain, no network"
                + " beyond Maven Central, Debian and npm), so there is no side-by-side column.");
    }
}
