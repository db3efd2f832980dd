package dev.resonance.impl.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.db.DatabaseException;
import dev.resonance.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class PooledDatabaseTest {

    private static TestDatabase db;
    private static PooledDatabase database;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(db.url());
        direct.setUser(db.user());
        String version = new SchemaMigrator(PooledDatabaseTest.class.getClassLoader(), SchemaMigrator.CORE_LOCATION)
                .migrate(direct).versionAfter();
        HikariConfig config = new HikariConfig();
        config.setDataSource(direct);
        config.setMaximumPoolSize(2);
        database = new PooledDatabase(new HikariDataSource(config), version);
    }

    @AfterAll
    static void stop() {
        database.close();
        db.close();
    }

    @BeforeEach
    void empty() {
        database.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM libraries"));
    }

    @Test
    void workIsCommittedWhenItReturns() {
        database.inTransaction(c -> insertLibrary(c, "Music", "/srv/music"));

        assertThat(libraryCount()).isEqualTo(1);
    }

    @Test
    void everythingIsRolledBackWhenTheWorkThrows() {
        assertThatThrownBy(() -> database.inTransaction(c -> {
            insertLibrary(c, "Music", "/srv/music");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(libraryCount()).isZero();
    }

    @Test
    void sqlFailuresBecomeDatabaseExceptionsAndRollBackEarlierStatements() {
        assertThatThrownBy(() -> database.inTransaction(c -> {
            insertLibrary(c, "Music", "/srv/music");
            return insertLibrary(c, "Music", "/srv/duplicate-name");
        })).isInstanceOf(DatabaseException.class).hasMessageContaining("23505");

        assertThat(libraryCount()).isZero();
    }

    @Test
    void readsRunWithoutATransactionSoEachStatementSeesItsOwnSnapshot() {
        // now() is the start of the transaction: one transaction answers the same twice, statements on their own do not
        boolean sameInTransaction = database.inTransaction(c -> now(c).equals(now(c)));
        boolean sameInRead = database.read(c -> now(c).equals(now(c)));

        assertThat(sameInTransaction).isTrue();
        assertThat(sameInRead).isFalse();
    }

    @Test
    void readFailuresBecomeDatabaseExceptions() {
        assertThatThrownBy(() -> database.read(c -> c.createStatement().executeQuery("SELECT * FROM no_such_table")))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("42P01");
    }

    @Test
    void thePoolTurnsQueryJitOffAndSetsThePlannerCostOfAnIndexProbeOnEveryConnection() throws Exception {
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(db.url());
        direct.setUser(db.user());
        try (HikariDataSource tuned = new HikariDataSource(DatabaseComponent.poolConfig(direct, 2, 1.1));
             HikariDataSource untouched = new HikariDataSource(DatabaseComponent.poolConfig(direct, 2, 0))) {
            assertThat(setting(tuned, "random_page_cost")).isEqualTo("1.1");
            assertThat(setting(untouched, "random_page_cost")).isEqualTo(setting(direct, "random_page_cost")).isNotEqualTo("1.1");
            assertThat(setting(tuned, "jit")).isEqualTo("off");
            assertThat(setting(untouched, "jit")).isEqualTo("off");
        }
    }

    /** now(), read after a pause so that two statements' clocks differ. */
    private static java.sql.Timestamp now(java.sql.Connection c) throws java.sql.SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT now() FROM pg_sleep(0.002)")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    private static String setting(javax.sql.DataSource source, String name) throws java.sql.SQLException {
        try (java.sql.Connection c = source.getConnection(); ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void connectionsGoBackToThePoolInAutoCommitMode() {
        for (int i = 0; i < 5; i++) { // more transactions than pooled connections
            database.inTransaction(c -> insertLibrary(c, "Lib " + System.nanoTime(), "/srv/" + System.nanoTime()));
        }
        boolean autoCommit = database.inTransaction(c -> true) && autoCommitOfABorrowedConnection();

        assertThat(autoCommit).isTrue();
        assertThat(libraryCount()).isEqualTo(5);
        assertThat(database.schemaVersion()).isEqualTo(SchemaMigratorTest.latestVersion());
        assertThat(database.isReachable(1)).isTrue();
    }

    private static boolean autoCommitOfABorrowedConnection() {
        try (var c = database.dataSource().getConnection()) {
            return c.getAutoCommit();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static int insertLibrary(java.sql.Connection c, String name, String path) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO libraries (name, path) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, path);
            return ps.executeUpdate();
        }
    }

    private static long libraryCount() {
        return database.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM libraries")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
