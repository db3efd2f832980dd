package dev.resonance.impl.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client request budgets by endpoint class (token buckets, Bucket4j). Budgets are per node: behind a load
 * balancer each node enforces its own, which bounds abuse without a round trip to a shared store.
 */
public final class RateLimiter {

    /** Endpoint classes with their own budget. */
    public enum Kind { LOGIN, READ, WRITE, SEARCH, STREAM }

    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private final Map<Kind, Integer> perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Map<Kind, Integer> perMinute) {
        this.perMinute = new EnumMap<>(Kind.class);
        this.perMinute.putAll(perMinute);
    }

    /** Takes one request from the client's budget; empty when allowed, else how long until the next is. */
    public Optional<Duration> acquire(Kind kind, String client) {
        Integer limit = perMinute.get(kind);
        if (limit == null || limit <= 0) {
            return Optional.empty();
        }
        if (buckets.size() > MAX_TRACKED_CLIENTS) {
            buckets.clear(); // crude bound on memory under a flood of distinct clients; budgets restart
        }
        Bucket bucket = buckets.computeIfAbsent(kind + "|" + client, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
