package dev.resonance.impl.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class SchemaMigratorTest {

    private TestDatabase db;
    private PGSimpleDataSource dataSource;
    /** The highest V<n>__*.sql this build ships: tests follow new migrations without edits. */
    static String latestVersion() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                SchemaMigratorTest.class.getClassLoader().getResource("db/migration").toURI()))) {
            return String.valueOf(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max().orElseThrow());
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private final SchemaMigrator migrator = new SchemaMigrator(getClass().getClassLoader(), SchemaMigrator.CORE_LOCATION);

    @BeforeEach
    void createDatabase() {
        db = TestDatabase.create();
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.url());
        dataSource.setUser(db.user());
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void emptyDatabaseIsMigratedToTheLatestVersion() throws SQLException {
        SchemaMigrator.Outcome outcome = migrator.migrate(dataSource);

        assertThat(outcome.versionBefore()).isEmpty();
        assertThat(outcome.versionAfter()).isEqualTo(latestVersion());
        assertThat(outcome.migrationsApplied()).isEqualTo(Integer.parseInt(latestVersion()));
        assertThat(tableExists("libraries")).isTrue();
        assertThat(tableExists("server_settings")).isTrue();
    }

    @Test
    void secondRunAppliesNothingAndKeepsHistory() throws SQLException {
        migrator.migrate(dataSource);

        SchemaMigrator.Outcome again = migrator.migrate(dataSource);

        assertThat(again.versionBefore()).isEqualTo(Optional.of(latestVersion()));
        assertThat(again.migrationsApplied()).isZero();
        assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(Long.parseLong(latestVersion()));
    }

    @Test
    void databaseFromANewerResonanceIsRefusedWithAClearMessage() throws SQLException {
        migrator.migrate(dataSource);
        execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (99, '999', 'from the future', 'SQL',"
                + " 'V999__from_the_future.sql', 0, 'test', 0, true)");

        assertThatThrownBy(() -> migrator.migrate(dataSource))
                .isInstanceOf(SchemaMigrator.SchemaTooNewException.class)
                .hasMessageContaining("version 999")
                .hasMessageContaining("only knows up to version " + latestVersion())
                .hasMessageContaining("DB_URL");
    }

    @Test
    void librariesRejectRelativePathsAndDuplicates() throws SQLException {
        migrator.migrate(dataSource);
        execute("INSERT INTO libraries (name, path) VALUES ('Music', '/srv/music')");

        assertThatThrownBy(() -> execute("INSERT INTO libraries (name, path) VALUES ('Other', 'relative/path')"))
                .hasMessageContaining("libraries_path_absolute");
        assertThatThrownBy(() -> execute("INSERT INTO libraries (name, path) VALUES ('Music', '/srv/other')"))
                .hasMessageContaining("libraries_name_unique");
    }

    private boolean tableExists(String table) throws SQLException {
        return count("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'") == 1;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
