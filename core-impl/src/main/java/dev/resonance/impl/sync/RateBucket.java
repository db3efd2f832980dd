package dev.resonance.impl.sync;

import java.time.Clock;

/** A token bucket for one socket: {@code perSecond} messages a second, bursts of twice that. */
final class RateBucket {

    private final double perMilli;
    private final double capacity;
    private final Clock clock;
    private double tokens;
    private long last;

    RateBucket(int perSecond, Clock clock) {
        this.perMilli = perSecond / 1000.0;
        this.capacity = perSecond * 2.0;
        this.clock = clock;
        this.tokens = capacity;
        this.last = clock.millis();
    }

    synchronized boolean tryTake() {
        long now = clock.millis();
        tokens = Math.min(capacity, tokens + Math.max(0, now - last) * perMilli);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
