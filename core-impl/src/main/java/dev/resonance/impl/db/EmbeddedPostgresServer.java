package dev.resonance.impl.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup database: a PostgreSQL server of our own (binaries shipped in this bundle), data kept
 * under the Resonance data directory, listening on 127.0.0.1 only, stopped with the core.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "resonance";
    private static final String BINARY_ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts (and on first use initialises) the server whose data lives in {@code home/data}.
     *
     * @param port 0 for any free port
     */
    static EmbeddedPostgresServer start(Path home, int port) throws IOException {
        Path dataDirectory = home.resolve("data");
        Path binaries = home.resolve("bin");
        Files.createDirectories(dataDirectory);
        Files.createDirectories(binaries);
        stopLeftoverPostmaster(dataDirectory);

        ClassLoader loader = EmbeddedPostgresServer.class.getClassLoader();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.toFile())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // zonky turns this off for test speed; a user's likes and playlists must survive a crash
                .setServerConfig("synchronous_commit", "on")
                // our own resolver: the default one looks the archive up in ways that fail inside OSGi
                .setPgBinaryResolver((system, architecture) -> openBinaryArchive(loader, system, architecture));
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
        try {
            server.createDatabaseIfMissing();
        } catch (SQLException e) {
            server.close();
            throw new IOException("embedded PostgreSQL started but the '" + DATABASE + "' database could not be created: "
                    + e.getMessage(), e);
        }
        return server;
    }

    private static InputStream openBinaryArchive(ClassLoader loader, String system, String architecture) throws IOException {
        if (!"linux".equalsIgnoreCase(system) || !List.of("x86_64", "amd64").contains(architecture.toLowerCase())) {
            throw new IOException("the embedded PostgreSQL ships for linux x86_64 only (this is " + system + " "
                    + architecture + "): set DB_URL to a PostgreSQL server");
        }
        InputStream archive = loader.getResourceAsStream(BINARY_ARCHIVE);
        if (archive == null) {
            throw new IOException("embedded PostgreSQL binaries (" + BINARY_ARCHIVE + ") are missing from the core bundle");
        }
        return archive;
    }

    /**
     * A JVM killed without a chance to stop its PostgreSQL leaves the server running on our data directory;
     * a new start would then fail. Stop such a leftover (only if it is a postgres process) before starting.
     */
    private static void stopLeftoverPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (leftover.isEmpty()) {
            return;
        }
        LOG.warn("An embedded PostgreSQL (pid {}) from an earlier run is still running on {}: stopping it", pid, dataDirectory);
        ProcessHandle process = leftover.get();
        process.destroy(); // SIGTERM: PostgreSQL's "smart" shutdown
        try {
            process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    /** The superuser the embedded cluster was initialised with. */
    String user() {
        return "postgres";
    }

    DataSource dataSource() {
        return postgres.getDatabase("postgres", DATABASE);
    }

    @Override
    public void close() {
        Process postmaster = postgres.getProcess();
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
        // pg_ctl returns once the server stopped accepting work; wait for the process itself so that
        // nothing of ours is left running when the core has stopped
        if (postmaster != null) {
            try {
                if (!postmaster.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    LOG.warn("Embedded PostgreSQL (pid {}) did not exit in 20 s: killing it", postmaster.pid());
                    postmaster.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
