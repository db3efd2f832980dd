package dev.resonance.plugin.lyrics.lrclib;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code limit} requests in any minute (a sliding window: the times of the last {@code limit} requests are
 * kept). A request over the limit is refused at once, never queued: a lookup that waited would hold one of the core's
 * plugin-call threads and run past its call timeout anyway, and the next request for the track asks again (refusals
 * are not cached). Per server process: nodes of a cluster count separately.
 */
final class RequestBudget {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();
    private int limit;

    RequestBudget(int limit, Clock clock) {
        this.clock = clock;
        limit(limit);
    }

    /** A new limit, applied to the requests already made in the window too. */
    synchronized void limit(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1: " + perMinute);
        }
        limit = perMinute;
    }

    /** Takes one request from the budget; false, taking nothing, when the last minute already had {@code limit}. */
    synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        Instant windowStart = now.minus(WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
            recent.removeFirst();
        }
        if (recent.size() >= limit) {
            return false;
        }
        recent.addLast(now);
        return true;
    }
}
