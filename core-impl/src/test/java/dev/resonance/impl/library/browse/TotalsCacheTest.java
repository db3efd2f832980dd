package dev.resonance.impl.library.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TotalsCacheTest {

    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong counted = new AtomicLong();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final TotalsCache cache = new TotalsCache(generation::get, Duration.ofSeconds(30), 2, new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private long total(String key, long value) {
        return cache.get(key, () -> {
            counted.incrementAndGet();
            return value;
        });
    }

    @Test
    void aTotalIsCountedOnceWhileTheCatalogStaysTheSame() {
        assertEquals(7, total("albums", 7));
        assertEquals(7, total("albums", 9));
        assertEquals(1, counted.get());
        assertEquals(3, total("albums genre=1", 3), "another query has its own total");
    }

    @Test
    void aScanOnThisNodeInvalidates() {
        total("albums", 7);
        generation.incrementAndGet();
        assertEquals(8, total("albums", 8));
        assertEquals(2, counted.get());
    }

    @Test
    void totalsExpireForScansOnOtherNodes() {
        total("albums", 7);
        now = now.plusSeconds(29);
        assertEquals(7, total("albums", 8));
        now = now.plusSeconds(2);
        assertEquals(8, total("albums", 8));
    }

    @Test
    void theCacheStaysBounded() {
        for (int i = 0; i < 100; i++) {
            total("query " + i, i);
        }

        assertEquals(100, counted.get());
        assertTrue(cache.size() <= 2, "kept " + cache.size() + " totals, the bound is 2");
    }
}
