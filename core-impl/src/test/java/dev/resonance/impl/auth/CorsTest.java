package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Only the configured origin (the harness allows https://app.example.org) gets CORS headers; never "*". */
class CorsTest {

    private static ApiHarness api;

    @BeforeAll
    static void start() {
        api = new ApiHarness();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static ApiHarness.Answer preflight(String origin) {
        return api.call("OPTIONS", "v1/auth/login", null, null, null,
                Map.of("Origin", origin, "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "content-type"));
    }

    @Test
    void aConfiguredOriginMayCallWithCredentials() {
        ApiHarness.Answer answer = preflight("https://app.example.org");

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.org");
        assertThat(answer.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(answer.header("Access-Control-Allow-Methods")).contains("POST");

        ApiHarness.Answer real = api.call("GET", "v1/server", null, null, null, Map.of("Origin", "https://app.example.org"));
        assertThat(real.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.org");
    }

    @Test
    void anyOtherOriginGetsNoCorsHeaders() {
        ApiHarness.Answer answer = preflight("https://evil.example.com");

        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        ApiHarness.Answer real = api.call("GET", "v1/server", null, null, null, Map.of("Origin", "https://evil.example.com"));
        assertThat(real.status()).isEqualTo(200);
        assertThat(real.header("Access-Control-Allow-Origin")).isNull();
    }
}
