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

    /** Closes every idle connection, so that the next request must open a new one. */
    public void dropIdleConnections() {
        getHikariPoolMXBean().softEvictConnections();
    }
}
