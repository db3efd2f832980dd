package dev.resonance.impl.db;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The pool's meters under HikariCP's own Micrometer names ({@code hikaricp_connections_active}, {@code _idle},
 * {@code _pending}, {@code hikaricp_connections}, {@code _max}, {@code _min}, {@code _acquire_seconds},
 * {@code _usage_seconds}, {@code _creation_seconds}, {@code _timeout_total}, tag {@code pool}), recorded by the core.
 *
 * <p>Why not Hikari's {@code MicrometerMetricsTrackerFactory}: Micrometer is private to this bundle, and the
 * HikariCP bundle's optional import of {@code io.micrometer.core.instrument} stays unwired, so that class cannot
 * load in Karaf. Hikari's tracker interfaces ({@code com.zaxxer.hikari.metrics}) are exported, and Hikari calls them
 * the same way: this class, loaded by the core, gets the same callbacks and the pool's live {@link PoolStats}.
 * Hikari closes the tracker when the pool shuts down; its meters go with it, so the next pool (a configuration
 * change) registers fresh gauges instead of finding the old pool's.
 */
public final class PoolMetrics implements MetricsTrackerFactory {

    private final MeterRegistry registry;

    public PoolMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats stats) {
        return new Tracker(poolName, stats);
    }

    private final class Tracker implements IMetricsTracker {
        private final List<Meter> meters = new ArrayList<>();
        private final Timer acquire;
        private final Timer usage;
        private final Timer creation;
        private final Counter timeouts;

        Tracker(String pool, PoolStats stats) {
            acquire = add(Timer.builder("hikaricp.connections.acquire").description("Connection acquire time").tag("pool", pool)
                    .register(registry));
            usage = add(Timer.builder("hikaricp.connections.usage").description("Connection usage time").tag("pool", pool)
                    .register(registry));
            creation = add(Timer.builder("hikaricp.connections.creation").description("Connection creation time").tag("pool", pool)
                    .register(registry));
            timeouts = add(Counter.builder("hikaricp.connections.timeout").description("Connection timeout total count")
                    .tag("pool", pool).register(registry));
            gauge("hikaricp.connections", "Total connections", pool, stats, PoolStats::getTotalConnections);
            gauge("hikaricp.connections.idle", "Idle connections", pool, stats, PoolStats::getIdleConnections);
            gauge("hikaricp.connections.active", "Active connections", pool, stats, PoolStats::getActiveConnections);
            gauge("hikaricp.connections.pending", "Pending threads", pool, stats, PoolStats::getPendingThreads);
            gauge("hikaricp.connections.max", "Max connections", pool, stats, PoolStats::getMaxConnections);
            gauge("hikaricp.connections.min", "Min connections", pool, stats, PoolStats::getMinConnections);
        }

        private void gauge(String name, String description, String pool, PoolStats stats, ToDoubleFunction<PoolStats> value) {
            // a strong reference: the pool's stats live as long as the pool, which closes this tracker
            add(Gauge.builder(name, stats, value).description(description).tag("pool", pool).strongReference(true).register(registry));
        }

        private <M extends Meter> M add(M meter) {
            meters.add(meter);
            return meter;
        }

        @Override
        public void recordConnectionAcquiredNanos(long nanos) {
            acquire.record(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void recordConnectionUsageMillis(long millis) {
            usage.record(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void recordConnectionCreatedMillis(long millis) {
            creation.record(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void recordConnectionTimeout() {
            timeouts.increment();
        }

        @Override
        public void close() {
            meters.forEach(registry::remove);
        }
    }
}
