package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.auth.ApiHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerTimingTest {

    private final ApiHarness api = new ApiHarness();

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void everyAnswerTellsTheServersOwnTime() {
        api.createUser("ada", "ada-password", "regular");
        String token = api.accessToken("ada", "ada-password", "laptop");

        ApiHarness.Answer ok = api.get("v1/content/albums", token);
        ApiHarness.Answer refused = api.get("v1/content/albums", null);

        assertThat(ok.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(401);
        for (ApiHarness.Answer answer : new ApiHarness.Answer[] {ok, refused}) {
            assertThat(answer.header("Server-Timing")).matches("app;dur=\\d+\\.\\d{3}");
            double ms = Double.parseDouble(answer.header("Server-Timing").substring("app;dur=".length()));
            assertThat(ms).isPositive().isLessThan(60_000);
        }
    }
}
