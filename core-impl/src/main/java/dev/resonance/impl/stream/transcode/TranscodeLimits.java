package dev.resonance.impl.stream.transcode;

import dev.resonance.api.error.ResonanceException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How many transcodes run at once, on the node and per user; a full slot is a 503 with Retry-After at once (there is
 * no queue: a player retries or plays the original).
 */
public final class TranscodeLimits {

    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** Which limit refused a transcode. */
    public enum Limit { NODE, USER }

    private int maxTotal;
    private int maxPerUser;
    private final java.util.function.Consumer<Limit> refused;
    private final Map<Long, Integer> perUser = new HashMap<>();
    private int total;

    public TranscodeLimits(int maxTotal, int maxPerUser) {
        this(maxTotal, maxPerUser, limit -> { });
    }

    /** {@code refused} hears of each refusal (for the metrics). */
    public TranscodeLimits(int maxTotal, int maxPerUser, java.util.function.Consumer<Limit> refused) {
        this.maxTotal = maxTotal;
        this.maxPerUser = maxPerUser;
        this.refused = refused;
    }

    /**
     * New limits for the transcodes that start from now on; running ones keep their slot (above a lowered limit,
     * new ones are refused until enough have ended).
     */
    public synchronized void update(int newMaxTotal, int newMaxPerUser) {
        maxTotal = newMaxTotal;
        maxPerUser = newMaxPerUser;
    }

    /** A slot to run one transcode for {@code userId}; close it when the transcode ends. */
    public synchronized Permit acquire(long userId) {
        if (total >= maxTotal) {
            refused.accept(Limit.NODE);
            throw ResonanceException.unavailable("transcode_limit", "The server is running its most transcodes (" + maxTotal
                    + "); try again shortly or play the original", RETRY_AFTER);
        }
        int mine = perUser.getOrDefault(userId, 0);
        if (mine >= maxPerUser) {
            refused.accept(Limit.USER);
            throw ResonanceException.unavailable("transcode_limit", "You are running your most transcodes at once (" + maxPerUser
                    + "); stop another stream first", RETRY_AFTER);
        }
        total++;
        perUser.put(userId, mine + 1);
        return new Permit(userId);
    }

    public synchronized int running() {
        return total;
    }

    private synchronized void release(long userId) {
        total--;
        perUser.computeIfPresent(userId, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** One held slot; closing it twice releases it once. */
    public final class Permit implements AutoCloseable {
        private final long userId;
        private boolean released;

        private Permit(long userId) {
            this.userId = userId;
        }

        @Override
        public void close() {
            synchronized (TranscodeLimits.this) {
                if (!released) {
                    released = true;
                    release(userId);
                }
            }
        }
    }
}
