package dev.resonance.api.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The migrated PostgreSQL database. Registered as a service only while the database is reachable and
 * its schema is at the version this build knows, so a component with a mandatory reference to it is
 * activated only when it can work, and deactivated when the database goes away.
 */
@ProviderType
public interface Database {

    /** Pooled connections. Callers close what they borrow (try-with-resources). */
    DataSource dataSource();

    /** The schema version after migration, e.g. {@code "1"}. */
    String schemaVersion();

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * SQL failures surface as {@link DatabaseException}.
     */
    <T> T inTransaction(SqlWork<T> work);

    /**
     * Runs read-only {@code work} on one pooled connection without a transaction: each statement sees the data
     * committed when it starts, and no COMMIT round trip follows. For reads whose statements need not share one
     * snapshot (browse pages); use {@link #inTransaction} for anything that writes or must be consistent across
     * statements. SQL failures surface as {@link DatabaseException}.
     */
    <T> T read(SqlWork<T> work);

    /** A unit of work on one connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
