package dev.resonance.impl.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.db.Database;
import dev.resonance.api.db.DatabaseException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@link Database} over a HikariCP pool. */
final class PooledDatabase implements Database, AutoCloseable {

    private final HikariDataSource pool;
    private final String schemaVersion;

    PooledDatabase(HikariDataSource pool, String schemaVersion) {
        this.pool = pool;
        this.schemaVersion = schemaVersion;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DatabaseException("Database operation failed (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true); // pooled connections are in autocommit; never inherit a transaction
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseException("Database operation failed (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** Whether a connection can be borrowed and answers within {@code timeoutSeconds}. */
    boolean isReachable(int timeoutSeconds) {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(timeoutSeconds);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
