package dev.resonance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One copy of the built distribution started for a benchmark: its own home, ports and data, the local PostgreSQL
 * database it is given (or, with none, the embedded PostgreSQL it initialises in its fresh data directory, as on a
 * user's first start), an admin {@code bench}/{@code bench-password}, no rate limits (benchmarks send thousands of
 * requests a minute from few users). {@link #close()} stops it with SIGTERM.
 */
final class BenchServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final String base;
    final int port;
    /** RESONANCE_DATA_DIR of this copy (the embedded PostgreSQL's data lives under it when no database is given). */
    final Path dataDir;
    /** When the process was started: System.nanoTime() and the wall clock (to compare with the server's timestamps). */
    final long startNanos;
    final long startEpochMillis;
    private final Process process;
    private final Path console;
    private volatile long upNanos;

    private BenchServer(Process process, long startNanos, long startEpochMillis, int port, Path console, Path dataDir) {
        this.process = process;
        this.startNanos = startNanos;
        this.startEpochMillis = startEpochMillis;
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.console = console;
        this.dataDir = dataDir;
    }

    /** What a benchmark changes in the copied home (its etc/*.cfg) before the server starts. */
    @FunctionalInterface
    interface HomeSetup {
        void apply(Path home) throws IOException;
    }

    /** Copies {@code dist} under {@code run}, applies {@code env} and starts it; returns once {@code /health} is UP. */
    static BenchServer start(Path dist, Path run, String database, Map<String, String> env) throws Exception {
        return start(dist, run, database, env, home -> { });
    }

    /** Like {@link #start(Path, Path, String, Map)}, with {@code setup} applied to the copied home first. */
    static BenchServer start(Path dist, Path run, String database, Map<String, String> env, HomeSetup setup) throws Exception {
        BenchServer server = launch(dist, run, database, env, setup);
        server.awaitUp(Duration.ofSeconds(120));
        return server;
    }

    /**
     * Copies {@code dist} under {@code run}, applies {@code setup} and starts it without waiting (see
     * {@link #awaitUp}). {@code database}: a database of the local PostgreSQL, or null for none (no DB_URL: the embedded
     * PostgreSQL in {@code run}/data, initialised by Resonance on this first start).
     */
    static BenchServer launch(Path dist, Path run, String database, Map<String, String> env, HomeSetup setup) throws Exception {
        Path home = run.resolve("resonance");
        copyTree(dist, home);
        setup.apply(home);
        Path auth = home.resolve("etc/resonance.core.auth.cfg");
        Files.writeString(auth, Files.readString(auth)
                .replaceAll("(?m)^(loginPerMinute|readPerMinute|writePerMinute|searchPerMinute|streamPerMinute) = \\d+$", "$1 = 0"));
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/resonance").toString());
        Map<String, String> e = pb.environment();
        e.remove("DB_URL");
        e.remove("DB_USER");
        e.remove("DB_PASSWORD");
        if (database != null) {
            e.put("DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
            e.put("DB_USER", "postgres");
        }
        e.put("PORT", Integer.toString(port));
        e.put("KARAF_DATA", Files.createDirectories(run.resolve("karaf-data")).toString());
        Path dataDir = Files.createDirectories(run.resolve("data"));
        e.put("RESONANCE_DATA_DIR", dataDir.toString());
        e.put("RESONANCE_ADMIN_USER", "bench");
        e.put("RESONANCE_ADMIN_PASSWORD", "bench-password");
        e.putAll(env);
        String extra = System.getenv("BENCH_SERVER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            e.put("EXTRA_JAVA_OPTS", extra);
        }
        Path console = run.resolve("console.log");
        pb.redirectErrorStream(true).redirectOutput(console.toFile());
        long startNanos = System.nanoTime();
        long startEpochMillis = System.currentTimeMillis();
        return new BenchServer(pb.start(), startNanos, startEpochMillis, port, console, dataDir);
    }

    /** Waits until {@code /health} answers UP (polled every 100 ms); remembers when, see {@link #upSeconds()}. */
    void awaitUp(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("resonance exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (up(r.body())) {
                    upNanos = System.nanoTime();
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("resonance not UP after " + limit.toSeconds() + " s:\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    /** Whether the health answer says the server is up: every check UP, GraphQL's included. */
    static boolean up(String body) {
        try {
            return JSON.readTree(body).path("status").asText().equals("UP");
        } catch (IOException notJson) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Seconds from the process start to the first {@code /health} UP seen by {@link #awaitUp} (NaN before). */
    double upSeconds() {
        return upNanos == 0 ? Double.NaN : (upNanos - startNanos) / 1e9;
    }

    /** The "Resonance ready in N s" of the console log (measured by the JVM from its own start), NaN if not there. */
    double readyLogSeconds() {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Resonance ready in ([0-9.]+) s").matcher(Files.readString(console));
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** GET {@code path} with {@code token} (may be null), whatever the status. */
    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A field of /proc/&lt;pid&gt;/status in KiB (VmRSS, VmHWM). */
    long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException gone) {
            // exited
        }
        return -1;
    }

    /** Signs in {@code username} from device {@code deviceKey}; returns the access token. */
    String login(String username, String password, String deviceKey) throws Exception {
        return send("POST", "/api/v1/auth/login", null, JSON.createObjectNode().put("username", username).put("password", password)
                .put("deviceId", deviceKey).put("deviceName", deviceKey).toString(), 200).path("accessToken").asText();
    }

    /** Sends a JSON request and returns the answer's JSON, failing unless the status is {@code expected}. */
    JsonNode send(String method, String path, String token, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    /** Runs {@code jcmd <pid> <command>} and returns its output. */
    String jcmd(String... command) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("jcmd", Long.toString(process.pid())));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(console);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console log)";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Creates a fresh database on the local PostgreSQL (dropping one of the same name). */
    static void createDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
    }

    /** Transactions committed in {@code name} so far (PostgreSQL's statistics: they lag by up to ~10 s). */
    static long transactions(String name) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT xact_commit FROM pg_stat_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static void dropDatabase(String name) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (Exception e) {
            ScanBench.log("could not drop database %s: %s", name, e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void copyTree(Path from, Path to) throws IOException, InterruptedException {
        Files.createDirectories(to.getParent());
        Process p = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("cp -a " + from + " " + to + " failed");
        }
    }
}
