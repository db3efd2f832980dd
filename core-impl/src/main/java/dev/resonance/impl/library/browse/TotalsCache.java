package dev.resonance.impl.library.browse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * First-page totals ("how many albums") change only when a scan changes the catalog, yet counting costs more than
 * the page itself. A total is kept per query until this node's catalog generation moves (a scan ended here) or
 * {@code maxAge} passed (a scan on another node sharing the database). At most {@code maxEntries} are kept.
 */
final class TotalsCache {

    /** Computes a total; may throw what the query throws. */
    @FunctionalInterface
    interface Count<E extends Exception> {
        long count() throws E;
    }

    private record Entry(long total, long generation, Instant at) {
    }

    private final LongSupplier generation;
    private final Duration maxAge;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    TotalsCache(LongSupplier generation, Duration maxAge, int maxEntries, Clock clock) {
        this.generation = generation;
        this.maxAge = maxAge;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The cached total for {@code key}, or {@code count}'s answer (then cached). */
    <E extends Exception> long get(String key, Count<E> count) throws E {
        long now = generation.getAsLong();
        Instant at = clock.instant();
        Entry e = entries.get(key);
        if (e != null && e.generation() == now && e.at().plus(maxAge).isAfter(at)) {
            return e.total();
        }
        long total = count.count();
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry(total, now, at));
        return total;
    }
}
