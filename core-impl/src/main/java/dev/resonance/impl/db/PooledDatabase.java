package dev.resonance.impl.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.db.Database;
import dev.resonance.api.db.DatabaseException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * {@link Database} over a HikariCP pool. Every connection is borrowed through a {@link ConnectionBreaker}: while
 * the database is known to be down, callers get the unavailable error at once instead of after the pool's
 * connection timeout.
 */
final class PooledDatabase implements Database, AutoCloseable {

    private final HikariDataSource pool;
    private final String schemaVersion;
    private final ConnectionBreaker breaker;
    private final DataSource guarded;

    PooledDatabase(HikariDataSource pool, String schemaVersion) {
        this(pool, schemaVersion, new ConnectionBreaker());
    }

    PooledDatabase(HikariDataSource pool, String schemaVersion, ConnectionBreaker breaker) {
        this.pool = pool;
        this.schemaVersion = schemaVersion;
        this.breaker = breaker;
        this.guarded = new BreakerDataSource();
    }

    /** A new pool size and connection timeout, applied to the running pool (a configuration change). */
    void resize(int maxPoolSize, long connectionTimeoutMillis) {
        pool.getHikariConfigMXBean().setMaximumPoolSize(maxPoolSize);
        pool.getHikariConfigMXBean().setMinimumIdle(Math.min(2, maxPoolSize));
        pool.getHikariConfigMXBean().setConnectionTimeout(connectionTimeoutMillis);
    }

    @Override
    public DataSource dataSource() {
        return guarded;
    }

    private Connection connection() throws SQLException {
        return breaker.borrow(pool::getConnection);
    }

    @Override
    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = connection()) {
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
        try (Connection connection = connection()) {
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

    /**
     * Whether a connection can be borrowed and answers within {@code timeoutSeconds} (the health probe). Asks the pool
     * itself, not through the breaker, and tells the breaker what it saw: a database seen down makes requests fail at
     * once for the next {@link ConnectionBreaker#OPEN_FOR}; one seen answering lets them through again.
     */
    boolean isReachable(int timeoutSeconds) {
        try (Connection connection = pool.getConnection()) {
            boolean valid = connection.isValid(timeoutSeconds);
            if (valid) {
                breaker.sawUp();
            } else {
                breaker.sawDown();
            }
            return valid;
        } catch (SQLException e) {
            if (DatabaseFailures.isDown(e)) {
                breaker.sawDown();
            }
            return false;
        }
    }

    /** The pool as a {@link DataSource} whose connections are borrowed through the breaker. */
    private final class BreakerDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return connection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("The pool's connections all use the configured credentials");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            return pool.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return iface.isInstance(this) || pool.isWrapperFor(iface);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
