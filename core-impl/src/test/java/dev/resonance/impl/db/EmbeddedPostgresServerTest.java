package dev.resonance.impl.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.testing.Processes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path home;

    @Test
    void dataSurvivesARestartAndTheServerStopsWithClose() throws Exception {
        int firstPort;
        long pid;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(home, 0)) {
            firstPort = server.port();
            pid = postmasterPid(server);
            execute(server, "CREATE TABLE kept (v TEXT)", "INSERT INTO kept VALUES ('still here')");
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + firstPort + "/resonance");
        }
        assertThat(Processes.isRunning(pid)).as("postmaster stopped").isFalse();

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(home, 0)) {
            try (Connection c = again.dataSource().getConnection();
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void aPostmasterLeftRunningByAKilledJvmIsStoppedBeforeStarting() throws Exception {
        // another JVM starts the server and is killed with SIGKILL: its PostgreSQL keeps running
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartAndWait.class.getName(), home.toString())
                .redirectErrorStream(true)
                .start();
        long leftover;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("postmaster ")) {
                // skip the server's own log lines
            }
            assertThat(line).as("child JVM started PostgreSQL").isNotNull();
            leftover = Long.parseLong(line.substring("postmaster ".length()).strip());
            jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Processes.isRunning(leftover)).as("orphan still running").isTrue();

        try (EmbeddedPostgresServer fresh = EmbeddedPostgresServer.start(home, 0)) {
            assertThat(Processes.isRunning(leftover)).isFalse();
            execute(fresh, "SELECT 1");
        }
    }

    /** Runs in a separate JVM: starts the server, prints the postmaster pid, waits to be killed. */
    public static final class StartAndWait {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
            System.out.println("postmaster " + postmasterPid(server));
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    private static long postmasterPid(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = server.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")) {
            rs.next();
            // the checkpointer is a child of the postmaster
            return ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent).orElseThrow().pid();
        }
    }

    private static void execute(EmbeddedPostgresServer server, String... sql) throws SQLException {
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }
}
