package dev.resonance.impl.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

    private record Entry(SessionStore.LiveSession session, long checkedAtMillis) {
    }

    private final ConcurrentHashMap<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long recheckMillis;
    private final Clock clock;

    LiveSessionCache(Duration recheck, Clock clock) {
        this.recheckMillis = recheck.toMillis();
        this.clock = clock;
    }

    /** The session if it was confirmed live within the recheck interval. */
    Optional<SessionStore.LiveSession> get(UUID sessionId) {
        if (recheckMillis <= 0) {
            return Optional.empty();
        }
        Entry e = entries.get(sessionId);
        if (e == null) {
            return Optional.empty();
        }
        if (clock.millis() - e.checkedAtMillis() >= recheckMillis) {
            entries.remove(sessionId, e);
            return Optional.empty();
        }
        return Optional.of(e.session());
    }

    /** The generation to hand back to {@link #put} once a lookup that starts now has read the database. */
    long generation() {
        return generation.get();
    }

    void put(SessionStore.LiveSession session, long readAtGeneration) {
        if (recheckMillis <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // a flood of distinct sessions: start over rather than grow without bound
        }
        entries.put(session.sessionId(), new Entry(session, clock.millis()));
        if (generation.get() != readAtGeneration) {
            entries.remove(session.sessionId()); // an account or session changed while we were reading
        }
    }

    /** Accounts, permissions or sessions changed on this node: nothing cached may be trusted any more. */
    void changed() {
        generation.incrementAndGet();
        entries.clear();
    }
}
