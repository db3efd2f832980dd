package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void aClientRotatingThroughManyAddressesDoesNotRestoreAnotherClientsExhaustedBudget() {
        RateLimiter limiter = new RateLimiter(Map.of(RateLimiter.Kind.LOGIN, 3));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(RateLimiter.Kind.LOGIN, "198.51.100.1")).isEmpty();
        }
        for (int i = 0; i < 20; i++) { // a brute-forcer keeps knocking while held back
            assertThat(limiter.acquire(RateLimiter.Kind.LOGIN, "198.51.100.1")).isPresent();
        }

        // another client sends every request from a new address, more addresses than the limiter tracks
        for (int i = 0; i < RateLimiter.MAX_TRACKED_CLIENTS + 20_000; i++) {
            limiter.acquire(RateLimiter.Kind.LOGIN, "rotating-" + i);
            if (i % 500 == 0) {
                assertThat(limiter.acquire(RateLimiter.Kind.LOGIN, "198.51.100.1")).as("held back after " + i + " other clients")
                        .isPresent();
            }
        }
        assertThat(limiter.acquire(RateLimiter.Kind.LOGIN, "198.51.100.1")).as("still held back").isPresent();
    }

    @Test
    void budgetsArePerClientAndPerKind() {
        RateLimiter limiter = new RateLimiter(Map.of(RateLimiter.Kind.LOGIN, 1, RateLimiter.Kind.READ, 1));
        assertThat(limiter.acquire(RateLimiter.Kind.LOGIN, "a")).isEmpty();
        assertThat(limiter.acquire(RateLimiter.Kind.LOGIN, "a")).isPresent();
        assertThat(limiter.acquire(RateLimiter.Kind.LOGIN, "b")).isEmpty();
        assertThat(limiter.acquire(RateLimiter.Kind.READ, "a")).isEmpty();
        assertThat(limiter.acquire(RateLimiter.Kind.WRITE, "a")).as("no budget configured").isEmpty();
    }
}
