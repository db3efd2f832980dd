package dev.resonance.impl.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A socket's message budget: {@code perSecond} a second, bursts of twice that, on the hub's clock. */
class RateBucketTest {

    static final class Manual extends Clock {
        long millis = 1_000_000;

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
            return Instant.ofEpochMilli(millis);
        }
    }

    private static int taken(RateBucket bucket, int tries) {
        int taken = 0;
        for (int i = 0; i < tries; i++) {
            taken += bucket.tryTake() ? 1 : 0;
        }
        return taken;
    }

    @Test
    void aBurstOfTwiceTheRateThenTheRateAsTimePasses() {
        Manual clock = new Manual();
        RateBucket bucket = new RateBucket(10, clock);

        assertThat(taken(bucket, 100)).isEqualTo(20);
        clock.millis += 100;
        assertThat(taken(bucket, 100)).as("one tenth of a second of a 10/s budget").isEqualTo(1);
        clock.millis += 1000;
        assertThat(taken(bucket, 100)).isEqualTo(10);
        clock.millis += 60_000;
        assertThat(taken(bucket, 100)).as("an idle minute refills only up to the burst").isEqualTo(20);
    }

    @Test
    void aClockGoingBackwardsGivesNothing() {
        Manual clock = new Manual();
        RateBucket bucket = new RateBucket(5, clock);
        assertThat(taken(bucket, 10)).isEqualTo(10);
        clock.millis -= 5000;
        assertThat(taken(bucket, 10)).isZero();
    }

    @Test
    void noBudgetRefusesEverything() {
        assertThat(taken(new RateBucket(0, new Manual()), 5)).isZero();
    }
}
