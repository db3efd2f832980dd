package dev.resonance.impl.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sessions the database confirmed live a moment ago, so a burst of requests (a page of covers, a browse session)
 * costs one session lookup instead of one per request. A change to accounts or sessions made through this node
 * forgets everything at once ({@link #changed()}); a change made on another node is seen after at most the
 * recheck interval. Only live sessions are kept: a refused token is looked up every time.
 *
 * <p>A lookup that started before a change and finishes after it must not store what it read: each entry is
 * tagged with the generation that was current when its lookup began, and {@link #put} drops it if a change
 * happened in between.
 */
final class LiveSessionCache {

    private static final int MAX_ENTRIES = 50_000;

    private final AtomicLong generation = new AtomicLong();
    /** Empty when rechecks are off (every request asks the database). */
    private final Optional<Cache<UUID, SessionStore.LiveSession>> entries;

    LiveSessionCache(Duration recheck, Clock clock) {
        this.entries = recheck.isZero() || recheck.isNegative() ? Optional.empty() : Optional.of(Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(recheck)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build());
    }

    /** The session if it was confirmed live within the recheck interval. */
    Optional<SessionStore.LiveSession> get(UUID sessionId) {
        return entries.map(cache -> cache.getIfPresent(sessionId));
    }

    /** The generation to hand back to {@link #put} once a lookup that starts now has read the database. */
    long generation() {
        return generation.get();
    }

    void put(SessionStore.LiveSession session, long readAtGeneration) {
        entries.ifPresent(cache -> {
            cache.put(session.sessionId(), session);
            if (generation.get() != readAtGeneration) {
                cache.invalidate(session.sessionId()); // an account or session changed while we were reading
            }
        });
    }

    /** Accounts, permissions or sessions changed on this node: nothing cached may be trusted any more. */
    void changed() {
        generation.incrementAndGet();
        entries.ifPresent(Cache::invalidateAll);
    }
}
