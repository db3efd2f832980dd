package dev.resonance.impl.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The pool's meters, under HikariCP's names, follow the pool and leave with it. */
class PoolMetricsTest {

    private final TestDatabase db = TestDatabase.create();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void drop() {
        db.close();
    }

    private HikariDataSource pool() {
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(db.url());
        direct.setUser(db.user());
        HikariConfig config = DatabaseComponent.poolConfig(direct, 3, 0);
        config.setMetricsTrackerFactory(new PoolMetrics(registry));
        return new HikariDataSource(config);
    }

    /** Hikari refreshes the stats behind these at most once a second. */
    private double gauge(String name) {
        return registry.get(name).tag("pool", "resonance").gauge().value();
    }

    @Test
    void theGaugesFollowThePoolAndAcquiringIsTimed() throws Exception {
        try (HikariDataSource pool = pool()) {
            try (Connection borrowed = pool.getConnection()) {
                assertThat(gauge("hikaricp.connections.active")).isEqualTo(1);
                assertThat(gauge("hikaricp.connections.max")).isEqualTo(3);
                assertThat(gauge("hikaricp.connections")).isGreaterThanOrEqualTo(1);
                assertThat(gauge("hikaricp.connections.pending")).isZero();
            }
            assertThat(registry.get("hikaricp.connections.acquire").timer().count()).isEqualTo(1);
            assertThat(registry.get("hikaricp.connections.usage").timer().count()).isEqualTo(1);
        }
        assertThat(registry.find("hikaricp.connections.active").gauges()).as("gone with the pool").isEmpty();
    }

    @Test
    void theNextPoolRegistersItsOwnGauges() throws Exception {
        pool().close();
        try (HikariDataSource next = pool(); Connection borrowed = next.getConnection()) {
            assertThat(gauge("hikaricp.connections.active")).isEqualTo(1);
        }
    }
}
