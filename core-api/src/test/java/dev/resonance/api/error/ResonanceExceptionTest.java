package dev.resonance.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResonanceExceptionTest {

    @Test
    void tooManyRequestsRoundsTheWaitUpToWholeSecondsAndSaysIt() {
        ResonanceException e = ResonanceException.tooManyRequests("login_locked", "Too many failed sign-ins.",
                Duration.ofMillis(1_200));

        assertThat(e.kind()).isEqualTo(ResonanceException.Kind.TOO_MANY_REQUESTS);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(e.getMessage()).isEqualTo("Too many failed sign-ins. Try again in 2 s.");
    }

    @Test
    void aRetryIsNeverAdvisedSoonerThanOneSecond() {
        assertThat(ResonanceException.tooManyRequests("rate_limited", "Slow down.", Duration.ZERO).retryAfter())
                .contains(Duration.ofSeconds(1));
        assertThat(ResonanceException.unavailable("unavailable", "Down", Duration.ofMillis(10)).retryAfter())
                .contains(Duration.ofSeconds(1));
    }

    @Test
    void unavailableKeepsItsMessageAndOnlyAdvisesARetryWhenGivenOne() {
        ResonanceException later = ResonanceException.unavailable("unavailable", "The database is unavailable",
                Duration.ofSeconds(5));

        assertThat(later.getMessage()).isEqualTo("The database is unavailable");
        assertThat(later.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(ResonanceException.unavailable("image_unavailable", "Missing").retryAfter()).isEmpty();
    }

    @Test
    void ofKeepsTheMessageAsGiven() {
        ResonanceException e = ResonanceException.of(ResonanceException.Kind.TOO_MANY_REQUESTS, "rate_limited",
                "Too many stream requests: slow down", java.util.Optional.of(Duration.ofMillis(2_001)));

        assertThat(e.getMessage()).isEqualTo("Too many stream requests: slow down");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void notFoundHasTheCodeNotFoundUnlessGivenOne() {
        assertThat(ResonanceException.notFound("No track 7").code()).isEqualTo("not_found");
        assertThat(ResonanceException.notFound("image_too_large", "Too large").code()).isEqualTo("image_too_large");
    }

    @Test
    void carriesNoStackTrace() {
        assertThat(ResonanceException.conflict("username_taken", "Taken").getStackTrace()).isEmpty();
    }
}
