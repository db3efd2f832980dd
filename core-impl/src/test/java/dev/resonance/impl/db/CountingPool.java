package dev.resonance.impl.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** A Hikari pool that counts how often it is asked for a connection (to prove it was not asked). */
public final class CountingPool extends HikariDataSource {

    public final AtomicInteger asked = new AtomicInteger();

    public CountingPool(HikariConfig config) {
        super(config);
    }

    @Override
    public Connection getConnection() throws SQLException {
        asked.incrementAndGet();
        return super.getConnection();
    }

    /**
     * Waits until the pool holds all its connections. Hikari opens them in the background (after start and after
     * evictions), one at a time on one thread, and only while it holds fewer than its maximum: once full, no connection
     * is being opened. A test that takes the database away must wait for this first, or a connection opened to the live
     * database just before could join the pool just after, and a request would be served by it.
     */
    public void awaitFilled() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (getHikariPoolMXBean().getTotalConnections() < getMaximumPoolSize()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the pool did not open its " + getMaximumPoolSize() + " connections in 30 s");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Closes every idle connection, so that the next request must open a new one. */
    public void dropIdleConnections() {
        getHikariPoolMXBean().softEvictConnections();
    }
}
