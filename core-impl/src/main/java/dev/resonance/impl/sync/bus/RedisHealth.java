package dev.resonance.impl.sync.bus;

import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import java.util.function.Supplier;

/**
 * {@code redis} in {@code /health}, present only when {@code REDIS_URL} is set. Not critical: without Redis this
 * node still serves and syncs its own devices (status {@code DEGRADED}, 200), so a Redis outage never takes every
 * node out of the load balancer at once.
 */
final class RedisHealth implements HealthIndicator {

    private final Supplier<HealthCheck> state;

    RedisHealth(Supplier<HealthCheck> state) {
        this.state = state;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public HealthCheck check() {
        return state.get();
    }
}
