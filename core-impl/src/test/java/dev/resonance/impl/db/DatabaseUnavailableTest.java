package dev.resonance.impl.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import dev.resonance.api.db.DatabaseException;
import dev.resonance.testing.TestDatabase;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool against a database that goes away: fail fast once it is known to be down, and recover. */
class DatabaseUnavailableTest {

    private TestDatabase testDb;
    private SwitchableDataSource source;
    private CountingPool pool;
    private PooledDatabase database;

    @BeforeEach
    void start() {
        testDb = TestDatabase.create();
        source = new SwitchableDataSource(TestDatabases.migrated(testDb));
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(250); // Hikari's minimum: the first failure still waits for it
        pool = new CountingPool(config);
        database = new PooledDatabase(pool, "test");
    }

    @AfterEach
    void stop() {
        database.close();
        testDb.close();
    }

    private void databaseGoesDown() {
        pool.awaitFilled();
        source.down = true;
        pool.dropIdleConnections();
    }

    @Test
    void aHealthProbeThatSawTheDatabaseDownMakesRequestsFailWithoutAskingThePool() throws Exception {
        assertThat(database.<Integer>read(c -> 1).intValue()).isEqualTo(1);
        databaseGoesDown();

        assertThat(database.isReachable(1)).isFalse();
        int asked = pool.asked.get();

        assertThatThrownBy(() -> database.inTransaction(c -> 1))
                .isInstanceOf(DatabaseException.class)
                .satisfies(e -> assertThat(DatabaseFailures.isUnavailable(e)).isTrue());
        assertThatThrownBy(() -> database.read(c -> 1)).satisfies(e -> assertThat(DatabaseFailures.isUnavailable(e)).isTrue());
        assertThatThrownBy(() -> database.dataSource().getConnection()).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(pool.asked.get()).as("connection requests that reached the pool").isEqualTo(asked);
    }

    @Test
    void aRequestThatFoundTheDatabaseDownMakesTheNextOnesFailWithoutAskingThePool() {
        databaseGoesDown();
        assertThatThrownBy(() -> database.read(c -> 1)).satisfies(e -> assertThat(DatabaseFailures.isUnavailable(e)).isTrue());
        int asked = pool.asked.get();

        assertThatThrownBy(() -> database.read(c -> 1)).satisfies(e -> assertThat(DatabaseFailures.isUnavailable(e)).isTrue());
        assertThat(pool.asked.get()).isEqualTo(asked);
    }

    @Test
    void aHealthProbeThatSeesTheDatabaseAgainLetsRequestsThrough() {
        databaseGoesDown();
        assertThat(database.isReachable(1)).isFalse();
        assertThatThrownBy(() -> database.read(c -> 1)).isInstanceOf(DatabaseException.class);

        source.down = false;

        // Hikari backs off between failed connection attempts (up to seconds): each probe waits up to its 250 ms
        boolean reachable = false;
        for (int probe = 0; probe < 60 && !reachable; probe++) {
            reachable = database.isReachable(1);
        }
        assertThat(reachable).isTrue();
        assertThat(database.<Integer>read(c -> 1).intValue()).isEqualTo(1);
    }
}
