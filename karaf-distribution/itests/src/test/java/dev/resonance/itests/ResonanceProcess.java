package dev.resonance.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The built distribution started the way an operator starts it: {@code bin/resonance} with environment
 * variables, stopped with SIGTERM. Each instance gets its own port, Karaf data and Resonance data directories.
 */
final class ResonanceProcess implements AutoCloseable {

    static final Path HOME = Path.of(System.getProperty("resonance.home", "../assembly/target/assembly")).toAbsolutePath();
    private static final Path WORK = Path.of(System.getProperty("resonance.test.workdir", "target/it-work")).toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int port;
    final Path workDir;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final long startedNanos = System.nanoTime();
    private final Thread reader;

    private ResonanceProcess(int port, Path workDir, Process process) {
        this.port = port;
        this.workDir = workDir;
        this.process = process;
        this.reader = new Thread(this::pumpOutput, "resonance-output-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts with a fresh work directory. */
    static ResonanceProcess start(Map<String, String> environment) throws IOException {
        return start(freePort(), environment);
    }

    /** Starts with a fresh work directory on {@code port}. */
    static ResonanceProcess start(int port, Map<String, String> environment) throws IOException {
        Path workDir = Files.createTempDirectory(Files.createDirectories(WORK), "run-");
        WorkDirectories.created(workDir);
        return start(workDir, port, environment);
    }

    /**
     * Starts with a fresh work directory holding its own copy of the distribution's {@code etc/} (KARAF_ETC) and its
     * own hot-deploy folder, so the test may edit configuration files and deploy bundles without touching the
     * distribution other tests use. {@code editEtc} may change the copy before the start.
     */
    static ResonanceProcess startWithOwnEtc(Map<String, String> environment, java.util.function.Consumer<Path> editEtc)
            throws IOException {
        Path workDir = Files.createTempDirectory(Files.createDirectories(WORK), "run-");
        WorkDirectories.created(workDir);
        Path etc = ownEtc(workDir);
        Path deploy = Files.createDirectories(workDir.resolve("deploy"));
        Path fileinstall = etc.resolve("org.apache.felix.fileinstall-deploy.cfg");
        Files.writeString(fileinstall, Files.readString(fileinstall).replace("${karaf.base}/deploy", deploy.toString()));
        editEtc.accept(etc);
        Map<String, String> env = new HashMap<>(environment);
        env.put("KARAF_ETC", etc.toString());
        return start(workDir, freePort(), env);
    }

    /**
     * The work directory's own copy of the distribution's {@code etc/}, made on first use. Every server gets one: Karaf's
     * file install writes applied configurations back to their files, and two servers writing the distribution's own
     * files at once (the distribution tests run in two JVMs) once left {@code resonance.core.auth.cfg} empty for every
     * later test.
     */
    private static Path ownEtc(Path workDir) throws IOException {
        Path etc = workDir.resolve("etc");
        if (Files.isDirectory(etc)) {
            return etc; // a restart on the same work directory keeps its configuration
        }
        try (var files = Files.walk(HOME.resolve("etc"))) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = etc.resolve(HOME.resolve("etc").relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return etc;
    }

    /** Sets {@code key = value} in {@code etc/<pid>.cfg}, replacing the line that sets it (or adding one). */
    static void set(Path etc, String pid, String key, String value) {
        Path file = etc.resolve(pid + ".cfg");
        try {
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*" + java.util.regex.Pattern.quote(key) + "\\s*=.*")) {
                    lines.set(i, key + " = " + value);
                    replaced = true;
                }
            }
            if (!replaced) {
                lines.add(key + " = " + value);
            }
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This instance's own configuration folder (after {@link #startWithOwnEtc}). */
    Path etc() {
        return workDir.resolve("etc");
    }

    /** This instance's own hot-deploy folder (after {@link #startWithOwnEtc}). */
    Path deploy() {
        return workDir.resolve("deploy");
    }

    /** Waits until the log has a line containing {@code text} after its first {@code skip} lines. */
    void awaitLog(String text, int skip, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = logLines();
            for (int i = skip; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the log never said '" + text + "' within " + timeout + ":\n" + log());
    }

    /** Starts again on an existing work directory (a restart keeps the data). */
    static ResonanceProcess start(Path workDir, int port, Map<String, String> environment) throws IOException {
        Path karafData = Files.createDirectories(workDir.resolve("karaf-data"));
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("KARAF_DATA", karafData.toString());
        env.put("RESONANCE_DATA_DIR", workDir.resolve("resonance-data").toString());
        env.putAll(environment);
        if (!env.containsKey("KARAF_ETC")) {
            env.put("KARAF_ETC", ownEtc(workDir).toString());
        }
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/resonance").toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("DB_") || k.equals("MUSIC_LIBRARY_PATH") || k.equals("REDIS_URL"));
        builder.environment().putAll(env);
        return new ResonanceProcess(port, workDir, builder.start());
    }

    /** A free port for a server (see {@link dev.resonance.testing.FreePorts}); Karaf's shutdown port is off in the distribution. */
    static int freePort() throws IOException {
        return dev.resonance.testing.FreePorts.pick();
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                // strip ANSI colours of the console log
                output.add(line.replaceAll("\u001B\\[[0-9;]*m", ""));
            }
        } catch (IOException e) {
            // process gone
        }
    }

    record Answer(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, Map.of());
    }

    /** An HTTP request with an optional JSON body and extra headers. */
    Answer send(String method, String path, String json, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers().map());
    }

    /** Polls {@code /health} until {@code accept} holds, the process dies, or the timeout passes. */
    Answer awaitHealth(Predicate<Answer> accept, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Resonance exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                last = get("/health");
                if (last.status() != 404 && accept.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health never matched within " + timeout + "; last answer " + last + "\n" + log());
    }

    /** The administrator the tests' servers create at start ({@link #withLibrary}). */
    static final String ROOT = "root";
    static final String ROOT_PASSWORD = "root-password";

    /** A server on {@code db} with {@code music} as its library and the administrator {@link #ROOT}. */
    static ResonanceProcess withLibrary(dev.resonance.testing.TestDatabase db, Path music) throws IOException {
        return start(Map.of("DB_URL", db.url(), "DB_USER", db.user(), "MUSIC_LIBRARY_PATH", music.toString(),
                "RESONANCE_ADMIN_USER", ROOT, "RESONANCE_ADMIN_PASSWORD", ROOT_PASSWORD));
    }

    /** The {@code Authorization} header of {@link #ROOT} signed in from the device "it". */
    Map<String, String> rootAuth() throws IOException, InterruptedException {
        String token = send("POST", "/api/v1/auth/login", "{\"username\":\"" + ROOT + "\",\"password\":\"" + ROOT_PASSWORD
                + "\",\"deviceId\":\"it\"}", Map.of()).json().path("accessToken").asText();
        return Map.of("Authorization", "Bearer " + token);
    }

    /**
     * Waits until the library scan the server started has ended (none running, one recorded), asking as {@code auth};
     * returns the last scan status.
     */
    JsonNode awaitScanned(Map<String, String> auth, Duration timeout) throws IOException, InterruptedException {
        JsonNode scan = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            scan = send("GET", "/api/v1/library/scan", null, auth).json();
            if (!scan.path("running").asBoolean() && scan.path("last").size() > 0) {
                return scan;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no scan ended within " + timeout + "; last status " + scan + "\n" + log());
    }

    /**
     * Health UP, and from then on {@code /health} and the REST API answer without a gap for a second: nothing may
     * restart the site after it reports ready. (Until 2026-11-30 pax-web restarted the whole servlet context ~0.1 s
     * after ready, for the sync WebSocket, and both answered 404 meanwhile; the socket is a plain servlet now.)
     */
    Answer awaitReady() throws InterruptedException {
        Answer health = awaitHealth(a -> a.status() == 200, Duration.ofSeconds(90));
        long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < until) {
            try {
                int api = get("/api/v1/server").status();
                int again = get("/health").status();
                if (api != 200 || again != 200) {
                    throw new AssertionError("after health UP the API answered " + api + " and /health " + again + "\n" + log());
                }
            } catch (IOException e) {
                throw new AssertionError("after health UP a request failed: " + e + "\n" + log());
            }
            Thread.sleep(20);
        }
        // the restart itself, whether or not a request fell into its window
        if (log().contains("Stopping Jetty context")) {
            throw new AssertionError("the servlet context was restarted after start-up\n" + log());
        }
        return health;
    }

    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Waits for the launcher to exit by itself (bad configuration). */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly(); // never leave a server running behind a failed test
            throw new AssertionError("Resonance did not exit within " + timeout + ":\n" + log());
        }
        reader.join(5_000); // everything the process printed is in the log
        return process.exitValue();
    }

    /** SIGTERM, as Ctrl-C or `docker stop` would send; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Resonance did not stop within 60 s of SIGTERM:\n" + log());
        }
        reader.join(5_000); // everything the process printed is in the log
        return process.exitValue();
    }

    String log() {
        return String.join("\n", output);
    }

    List<String> logLines() {
        return List.copyOf(output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
