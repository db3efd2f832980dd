package dev.resonance.impl.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.db.DatabaseException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void connectionLevelFailuresAreUnavailableAndOthersAreNot() {
        for (String state : new String[] {"08001", "08006", "08003", "57P01", "57P02", "57P03", "53300"}) {
            SQLException failure = new SQLException("x", state);
            assertThat(DatabaseFailures.isUnavailable(new DatabaseException("wrapped", failure))).as(state).isTrue();
            assertThat(DatabaseFailures.isDown(failure)).as(state).isTrue();
        }
        // Hikari's "Connection is not available" of a merely busy pool: answered 503, but no reason to stop trying
        SQLTransientConnectionException busy = new SQLTransientConnectionException("resonance - Connection is not available");
        assertThat(DatabaseFailures.isUnavailable(busy)).isTrue();
        assertThat(DatabaseFailures.isDown(busy)).isFalse();
        for (String state : new String[] {"23505", "42P01", "57014", "28P01"}) {
            assertThat(DatabaseFailures.isUnavailable(new DatabaseException("x", new SQLException("x", state))))
                    .as(state).isFalse();
        }
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("bug"))).isFalse();
    }
}
