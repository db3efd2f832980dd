package dev.resonance.impl.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Fails connection requests at once while the database is known to be down, instead of letting every request wait
 * the pool's whole connection timeout (5 s) for the same answer. "Known to be down": a connection request or the
 * health probe saw the database refuse or drop connections ({@link DatabaseFailures#isDown}) less than
 * {@link #OPEN_FOR} ago. After that, one request at a time is let through to the pool as a trial (the others still
 * fail at once); the first connection obtained, or a health probe that succeeds, closes the breaker.
 */
final class ConnectionBreaker {

    /** How long a sighting of the database down makes requests fail without asking the pool. */
    static final Duration OPEN_FOR = Duration.ofSeconds(2);

    @FunctionalInterface
    interface ConnectionSource {
        Connection get() throws SQLException;
    }

    private final LongSupplier nanoTime;
    private final long openNanos;
    private final AtomicBoolean trialRunning = new AtomicBoolean();
    private volatile boolean down;
    private volatile long downSeenAt;

    ConnectionBreaker() {
        this(System::nanoTime, OPEN_FOR);
    }

    ConnectionBreaker(LongSupplier nanoTime, Duration openFor) {
        this.nanoTime = nanoTime;
        this.openNanos = openFor.toNanos();
    }

    /** A connection from {@code source}, or at once the unavailable error while the database is known to be down. */
    Connection borrow(ConnectionSource source) throws SQLException {
        boolean trial = false;
        if (down) {
            if (nanoTime.getAsLong() - downSeenAt < openNanos || !trialRunning.compareAndSet(false, true)) {
                throw new SQLTransientConnectionException(
                        "The database refused or dropped connections moments ago; not waiting for one", "08001");
            }
            trial = true;
        }
        try {
            Connection connection = source.get();
            down = false;
            return connection;
        } catch (SQLException | RuntimeException e) {
            if (DatabaseFailures.isDown(e)) {
                sawDown();
            }
            throw e;
        } finally {
            if (trial) {
                trialRunning.set(false);
            }
        }
    }

    /** The database was seen refusing or dropping connections (by a request or the health probe). */
    void sawDown() {
        downSeenAt = nanoTime.getAsLong();
        down = true;
    }

    /** The database answered (health probe). */
    void sawUp() {
        down = false;
    }

    boolean isOpen() {
        return down;
    }
}
