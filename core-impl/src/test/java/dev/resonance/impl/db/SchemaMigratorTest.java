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
        return String.valueOf(versions().max().orElseThrow());
    }

    /** How many migrations there are: versions need not be contiguous (branches take numbers as they are written). */
    static int migrationCount() {
        return (int) versions().count();
    }

    private static java.util.stream.IntStream versions() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                SchemaMigratorTest.class.getClassLoader().getResource("db/migration").toURI()))) {
            return java.util.stream.IntStream.of(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .toArray());
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
        assertThat(outcome.migrationsApplied()).isEqualTo(migrationCount());
        assertThat(tableExists("libraries")).isTrue();
        assertThat(tableExists("server_settings")).isTrue();
    }

    @Test
    void secondRunAppliesNothingAndKeepsHistory() throws SQLException {
        migrator.migrate(dataSource);

        SchemaMigrator.Outcome again = migrator.migrate(dataSource);

        assertThat(again.versionBefore()).isEqualTo(Optional.of(latestVersion()));
        assertThat(again.migrationsApplied()).isZero();
        assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(migrationCount());
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

    @Test
    void upgradingToVersion6CopiesEveryTracksCreditsAndAlbumsArtistsOntoTheirRows() throws SQLException {
        org.flywaydb.core.Flyway.configure(getClass().getClassLoader()).dataSource(dataSource)
                .locations(SchemaMigrator.CORE_LOCATION).target("5").load().migrate();
        execute("INSERT INTO libraries (id, name, path) OVERRIDING SYSTEM VALUE VALUES (1, 'Music', '/srv/music')");
        execute("INSERT INTO artists (id, name, sort_name, name_key) OVERRIDING SYSTEM VALUE VALUES"
                + " (1, 'Björk', 'bjork', 'bjork'), (2, 'Guest', 'guest', 'guest'), (3, 'Other', 'other', 'other')");
        execute("INSERT INTO albums (id, library_id, album_key, title, sort_title, artist_display) OVERRIDING SYSTEM VALUE VALUES"
                + " (1, 1, 'k1', 'Duets', 'duets', 'Björk & Other'), (2, 1, 'k2', 'Nobody', 'nobody', '')");
        execute("INSERT INTO album_artists (album_id, artist_id, position) VALUES (1, 3, 1), (1, 1, 0)");
        execute("INSERT INTO tracks (id, library_id, album_id, pid, path, file_size, file_mtime, format, codec, duration_ms,"
                + " bitrate_kbps, sample_rate, bit_depth, channels, title, sort_title, artist_display) OVERRIDING SYSTEM VALUE VALUES"
                + " (1, 1, 1, 'p1', 'a.mp3', 1, 1, 'mp3', 'mp3', 1000, 128, 44100, 0, 2, 'One', 'one', 'Björk feat. Guest'),"
                + " (2, 1, 2, 'p2', 'b.mp3', 1, 1, 'mp3', 'mp3', 1000, 128, 44100, 0, 2, 'Two', 'two', '')");
        execute("INSERT INTO track_artists (track_id, artist_id, role, position) VALUES"
                + " (1, 2, 'featured', 1), (1, 1, 'performer', 0), (1, 1, 'composer', 2)");

        migrator.migrate(dataSource);

        assertThat(text("SELECT credits::text FROM tracks WHERE id = 1")).isEqualTo("[{\"id\": 1, \"name\": \"Björk\", \"role\": \"performer\"},"
                + " {\"id\": 2, \"name\": \"Guest\", \"role\": \"featured\"}, {\"id\": 1, \"name\": \"Björk\", \"role\": \"composer\"}]");
        assertThat(text("SELECT credits::text FROM tracks WHERE id = 2")).isEqualTo("[]");
        assertThat(text("SELECT artists::text FROM albums WHERE id = 1"))
                .isEqualTo("[{\"id\": 1, \"name\": \"Björk\"}, {\"id\": 3, \"name\": \"Other\"}]");
        assertThat(text("SELECT artists::text FROM albums WHERE id = 2")).isEqualTo("[]");
    }

    private String text(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
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
