package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DB_URL points Resonance at an existing PostgreSQL server (the real local one). */
class ExternalDatabaseIT {

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private Map<String, String> env() {
        return Map.of("DB_URL", db.url(), "DB_USER", db.user());
    }

    @Test
    void migratesOnFirstStartAndNotAgainOnTheSecond() throws Exception {
        ResonanceProcess first = ResonanceProcess.start(env());
        try {
            ResonanceProcess.Answer health = first.awaitReady();
            assertThat(health.json().at("/checks/db/detail").asText()).contains("PostgreSQL at " + db.url())
                    .containsPattern("schema v\\d+");
            assertThat(first.log()).containsPattern("Database schema migrated from v0 to v\\d+ \\(\\d+ migration\\(s\\)\\)");
        } finally {
            first.stop();
        }
        long shipped = appliedMigrations();
        assertThat(shipped).isPositive();
        assertThat(embeddedDataDirectoryCreated(first)).as("no embedded PostgreSQL when DB_URL is set").isFalse();

        try (ResonanceProcess second = ResonanceProcess.start(first.workDir, ResonanceProcess.freePort(), env())) {
            second.awaitReady();
            assertThat(second.log()).contains("Database schema is current at v" + shipped).doesNotContain("migrated from");
        }
        assertThat(appliedMigrations()).isEqualTo(shipped);
    }

    @Test
    void aDatabaseFromANewerResonanceIsRefusedWithAClearMessage() throws Exception {
        try (ResonanceProcess first = ResonanceProcess.start(env())) {
            first.awaitReady();
        }
        long shipped = appliedMigrations();
        execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (50, '42', 'later feature', 'SQL', 'V42__later.sql',"
                + " 0, 'newer resonance', 0, true)");

        try (ResonanceProcess again = ResonanceProcess.start(env())) {
            ResonanceProcess.Answer health = again.awaitHealth(
                    a -> a.status() == 503 && a.body().contains("refusing"), Duration.ofSeconds(60));

            assertThat(health.json().path("db").asText()).isEqualTo("DOWN");
            assertThat(health.json().at("/checks/db/detail").asText())
                    .contains("schema is at version 42", "only knows up to version " + shipped, "newer Resonance");
            assertThat(again.logLines()).filteredOn(l -> l.contains("Database DOWN: refusing")).hasSize(1);
        }
        assertThat(appliedMigrations()).as("nothing touched").isEqualTo(shipped + 1);
    }

    private static boolean embeddedDataDirectoryCreated(ResonanceProcess process) {
        return process.workDir.resolve("resonance-data/postgres").toFile().exists();
    }

    private long appliedMigrations() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
