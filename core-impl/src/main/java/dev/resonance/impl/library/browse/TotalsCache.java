package dev.resonance.impl.library.browse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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

    private record Entry(long total, long generation) {
    }

    private final LongSupplier generation;
    private final Cache<String, Entry> entries;

    TotalsCache(LongSupplier generation, Duration maxAge, int maxEntries, Clock clock) {
        this.generation = generation;
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(maxAge)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build();
    }

    /** The cached total for {@code key}, or {@code count}'s answer (then cached). */
    <E extends Exception> long get(String key, Count<E> count) throws E {
        long now = generation.getAsLong();
        Entry e = entries.getIfPresent(key);
        if (e != null && e.generation() == now) {
            return e.total();
        }
        long total = count.count();
        entries.put(key, new Entry(total, now));
        return total;
    }

    /** How many totals are kept now (never more than {@code maxEntries} once the cache has settled). */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
