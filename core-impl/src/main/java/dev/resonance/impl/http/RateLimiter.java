package dev.resonance.impl.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-client request budgets by endpoint class (token buckets, Bucket4j). Budgets are per node: behind a load
 * balancer each node enforces its own, which bounds abuse without a round trip to a shared store.
 *
 * <p>The buckets live in a bounded Caffeine cache. A bucket unused for {@link #IDLE} has refilled completely (every
 * budget is per minute), so forgetting it then changes nothing. Past {@link #MAX_TRACKED_CLIENTS} keys Caffeine
 * evicts by frequency (W-TinyLFU): a flood of one-off keys (a client rotating addresses) is mostly not even admitted
 * and cannot push out the busy bucket of a client that is being held back. (Before, the map was cleared at that size,
 * which restored every client's budget.)
 */
public final class RateLimiter {

    /** Endpoint classes with their own budget. */
    public enum Kind { LOGIN, READ, WRITE, SEARCH, STREAM }

    static final int MAX_TRACKED_CLIENTS = 100_000;

    /** Every budget refills within a minute: an idle bucket is a full one. */
    private static final Duration IDLE = Duration.ofMinutes(1);

    private volatile Map<Kind, Integer> perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_TRACKED_CLIENTS)
            .expireAfterAccess(IDLE)
            .executor(Runnable::run) // housekeeping on the caller's thread, no pool to shut down
            .build();

    public RateLimiter(Map<Kind, Integer> perMinute) {
        this.perMinute = copy(perMinute);
    }

    private static Map<Kind, Integer> copy(Map<Kind, Integer> perMinute) {
        Map<Kind, Integer> copy = new EnumMap<>(Kind.class);
        copy.putAll(perMinute);
        return copy;
    }

    /**
     * New budgets from now on (a configuration change applied in place). A bucket is keyed by its budget too, so a
     * client starts a changed budget full, as after a minute's rest; the old buckets expire unused.
     */
    public void update(Map<Kind, Integer> newPerMinute) {
        perMinute = copy(newPerMinute);
    }

    /** Takes one request from the client's budget; empty when allowed, else how long until the next is. */
    public Optional<Duration> acquire(Kind kind, String client) {
        Integer limit = perMinute.get(kind);
        if (limit == null || limit <= 0) {
            return Optional.empty();
        }
        Bucket bucket = buckets.get(kind + "|" + limit + "|" + client, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
