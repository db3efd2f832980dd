package dev.resonance.impl.db;

import dev.resonance.api.error.ResonanceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;

/**
 * Which failures mean "the database cannot be reached right now" rather than a bug: the one classification the
 * REST mapper, the stream servlet and the WebSocket use to answer 503 {@code unavailable} with {@code Retry-After}.
 */
public final class DatabaseFailures {

    /** What a client is told to wait before trying again, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** The one message a client sees. */
    public static final String MESSAGE = "The database is unavailable right now: try again in a few seconds";

    /**
     * Server-side refusals of a connection: admin shutdown, crash shutdown, cannot connect now (57P01/02/03) and
     * too many connections (53300). Class 08 (connection exceptions) is matched as a class.
     */
    private static final Set<String> CONNECTION_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    private static final int MAX_CAUSES = 32;

    private DatabaseFailures() {
    }

    /** The domain error for "the database is unavailable": {@code UNAVAILABLE}, code {@code unavailable}, Retry-After. */
    public static ResonanceException unavailable() {
        return ResonanceException.unavailable("unavailable", MESSAGE, Duration.ofSeconds(RETRY_AFTER_SECONDS));
    }

    /**
     * Whether {@code failure} or any of its causes is a connection-level failure: a connection SQLState (see
     * {@link #isDown}), or the pool's own "connection is not available" ({@link SQLTransientConnectionException}),
     * which also means every pooled connection stayed busy for the whole connection timeout.
     */
    public static boolean isUnavailable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || isConnectionState(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} shows the database itself refusing or dropping connections (by SQLState), as opposed
     * to a pool that is merely exhausted. This is what opens the {@link ConnectionBreaker}: a busy pool is not a
     * reason to stop trying.
     */
    static boolean isDown(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause()) {
            if (isConnectionState(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionState(Throwable t) {
        if (!(t instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        String state = sql.getSQLState();
        return state.startsWith("08") || CONNECTION_STATES.contains(state);
    }
}
