package dev.resonance.impl.sync;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket for one socket: {@code perSecond} messages a second, bursts of twice that (Bucket4j, as the REST
 * rate limits, on the hub's clock). {@code perSecond} of 0 or less refuses every message.
 */
final class RateBucket {

    private final Bucket bucket;

    RateBucket(int perSecond, Clock clock) {
        this.bucket = perSecond <= 0 ? null : Bucket.builder()
                .addLimit(limit -> limit.capacity(perSecond * 2L).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(new TimeMeter() {
                    @Override
                    public long currentTimeNanos() {
                        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
                    }

                    @Override
                    public boolean isWallClockBased() {
                        return true;
                    }
                })
                .build();
    }

    boolean tryTake() {
        return bucket != null && bucket.tryConsume(1);
    }
}
