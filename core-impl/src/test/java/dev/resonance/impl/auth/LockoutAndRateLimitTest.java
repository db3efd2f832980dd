package dev.resonance.impl.auth;

import dev.resonance.impl.http.RateLimiter;
import dev.resonance.impl.http.AccessPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockoutAndRateLimitTest {

    private static final LoginThrottle.Policy LOCKOUT =
            new LoginThrottle.Policy(10, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(24));

    private static ApiHarness.Answer loginFrom(ApiHarness api, String client, String user, String password) {
        return api.call("POST", "v1/auth/login", null, "application/json", ApiHarness.json(Map.of("username", user,
                "password", password, "deviceId", "d1", "deviceType", "web")), Map.of("X-Test-Client", client));
    }

    @Test
    void twentyWrongPasswordsLockTheAccountAndTheRightOneIsRefusedUntilTheLockEnds() {
        try (ApiHarness api = new ApiHarness(Map.of(), LOCKOUT)) {
            api.createUser("ada", "the-right-password", "regular");

            for (int attempt = 1; attempt <= 20; attempt++) {
                ApiHarness.Answer wrong = loginFrom(api, "198.51.100." + attempt, "ada", "wrong-" + attempt);
                if (attempt <= 10) {
                    assertThat(wrong.status()).as("attempt %d", attempt).isEqualTo(401);
                    assertThat(wrong.errorCode()).isEqualTo("invalid_credentials");
                } else {
                    assertThat(wrong.status()).as("attempt %d", attempt).isEqualTo(429);
                    assertThat(wrong.errorCode()).isEqualTo("login_locked");
                }
            }

            ApiHarness.Answer right = loginFrom(api, "198.51.100.99", "ada", "the-right-password");
            assertThat(right.status()).isEqualTo(429);
            assertThat(right.errorCode()).isEqualTo("login_locked");
            assertThat(Long.parseLong(right.header("Retry-After"))).isBetween(1L, 60L);

            api.clock.advance(Duration.ofSeconds(61));
            assertThat(loginFrom(api, "198.51.100.99", "ada", "the-right-password").status()).isEqualTo(200);
        }
    }

    @Test
    void theLockGrowsWithEveryFailureAfterTheThreshold() {
        LoginThrottle throttle = new LoginThrottle(LOCKOUT, java.time.Clock.systemUTC());

        assertThat(throttle.lockFor(10)).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.lockFor(11)).isEqualTo(Duration.ofSeconds(120));
        assertThat(throttle.lockFor(13)).isEqualTo(Duration.ofSeconds(480));
        assertThat(throttle.lockFor(40)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void failuresFromOneAddressLockThatAddressForEveryAccount() {
        try (ApiHarness api = new ApiHarness(Map.of(), LOCKOUT)) {
            api.createUser("ada", "the-right-password", "regular");

            for (int i = 0; i < 10; i++) {
                assertThat(loginFrom(api, "192.0.2.66", "nobody" + i, "guess").status()).isEqualTo(401);
            }

            assertThat(loginFrom(api, "192.0.2.66", "ada", "the-right-password").status()).isEqualTo(429);
            assertThat(loginFrom(api, "192.0.2.67", "ada", "the-right-password").status()).isEqualTo(200);
        }
    }

    @Test
    void aSuccessfulLoginClearsTheCount() {
        try (ApiHarness api = new ApiHarness(Map.of(), LOCKOUT)) {
            api.createUser("ada", "the-right-password", "regular");
            for (int i = 0; i < 9; i++) {
                loginFrom(api, "192.0.2.1", "ada", "wrong");
            }
            assertThat(loginFrom(api, "192.0.2.1", "ada", "the-right-password").status()).isEqualTo(200);

            for (int i = 0; i < 9; i++) {
                assertThat(loginFrom(api, "192.0.2.1", "ada", "wrong").status()).isEqualTo(401);
            }
            assertThat(loginFrom(api, "192.0.2.1", "ada", "the-right-password").status()).isEqualTo(200);
        }
    }

    @Test
    void rateLimitsAnswer429WithRetryAfterPerClient() {
        try (ApiHarness api = new ApiHarness(Map.of(RateLimiter.Kind.LOGIN, 3, RateLimiter.Kind.READ, 5), LOCKOUT)) {
            api.createUser("ada", "the-right-password", "regular");

            for (int i = 0; i < 3; i++) {
                assertThat(loginFrom(api, "192.0.2.10", "ada", "the-right-password").status()).isEqualTo(200);
            }
            ApiHarness.Answer limited = loginFrom(api, "192.0.2.10", "ada", "the-right-password");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.errorCode()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(loginFrom(api, "192.0.2.11", "ada", "the-right-password").status()).as("another client").isEqualTo(200);

            String token = loginFrom(api, "192.0.2.12", "ada", "the-right-password").json().path("accessToken").asText();
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("v1/auth/session", token).status()).isEqualTo(200);
            }
            ApiHarness.Answer reads = api.get("v1/auth/session", token);
            assertThat(reads.status()).isEqualTo(429);
            assertThat(reads.header("Retry-After")).isNotNull();
        }
    }
}
