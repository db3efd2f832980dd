package dev.resonance.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} on a free port of 127.0.0.1, without persistence, for tests that must kill Redis
 * and bring it back (the shared one on 6379 must not be touched). {@code RESONANCE_TEST_REDIS_SERVER} overrides
 * the binary (default {@code redis-server} on the PATH; {@code .ci/run} installs it).
 */
public final class RedisServer implements AutoCloseable {

    private static final String BINARY = System.getenv().getOrDefault("RESONANCE_TEST_REDIS_SERVER", "redis-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Path dir;
    private final List<String> extraArguments;
    private Process process;

    private RedisServer(int port, Path dir, List<String> extraArguments) {
        this.port = port;
        this.dir = dir;
        this.extraArguments = extraArguments;
    }

    /**
     * Starts a new server on a free port and waits until it answers. {@code extraArguments} go to redis-server as
     * they are (e.g. {@code "--requirepass", "secret"}: then {@link #answers()} accepts the NOAUTH error).
     */
    public static RedisServer start(String... extraArguments) {
        try {
            RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("resonance-redis-"),
                    List.of(extraArguments));
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>} */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** SIGKILL, like a crash: clients see their connections reset. Returns once the process is gone. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the server again on the same port (after {@link #kill()}); it comes back empty. */
    public void restart() {
        kill();
        launch();
    }

    /** Whether the server answers PING now. */
    public boolean answers() {
        try {
            return "PONG".equals(RedisProbe.call(port, "PING"));
        } catch (IllegalStateException e) {
            return e.getMessage().contains("NOAUTH"); // up, and asking for the password
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void launch() {
        try {
            List<String> command = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no"));
            command.addAll(extraArguments);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BINARY + " (install redis-server)", e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("redis-server did not start on port " + port + ": " + log());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting redis-server", e);
            }
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        kill();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
