package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The account system wired in the real distribution: configured first admin, sign-in, bearer and cookie, roles. */
class AccountsIT {

    @Test
    void theConfiguredAdminSignsInAndTheApiEnforcesAccess() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.start(Map.of("DB_URL", db.url(), "DB_USER", db.user(),
                     "RESONANCE_ADMIN_USER", "operator", "RESONANCE_ADMIN_PASSWORD", "operator-secret-pw",
                     "JWT_SECRET", "an-operator-chosen-secret-of-at-least-32-chars"))) {
            ResonanceProcess.Answer health = resonance.awaitReady();
            assertThat(health.json().path("auth").asText()).isEqualTo("UP");

            ResonanceProcess.Answer anonymous = resonance.get("/api/v1/admin/users");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.json().at("/error/code").asText()).isEqualTo("unauthenticated");

            ResonanceProcess.Answer login = resonance.send("POST", "/api/v1/auth/login",
                    "{\"username\":\"operator\",\"password\":\"operator-secret-pw\",\"deviceId\":\"it\",\"deviceType\":\"desktop\"}",
                    Map.of());
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            String token = login.json().path("accessToken").asText();
            assertThat(login.json().at("/user/role").asText()).isEqualTo("admin");
            assertThat(login.headers().get("set-cookie")).anySatisfy(c -> assertThat(c).contains("HttpOnly", "SameSite=Strict"));

            ResonanceProcess.Answer created = resonance.send("POST", "/api/v1/admin/users",
                    "{\"username\":\"ada\",\"password\":\"ada-password\"}", Map.of("Authorization", "Bearer " + token));
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            ResonanceProcess.Answer ada = resonance.send("POST", "/api/v1/auth/login",
                    "{\"username\":\"ada\",\"password\":\"ada-password\",\"deviceId\":\"phone\",\"deviceType\":\"android\"}", Map.of());
            String adaToken = ada.json().path("accessToken").asText();
            assertThat(resonance.send("GET", "/api/v1/admin/users", null, Map.of("Authorization", "Bearer " + adaToken)).status())
                    .isEqualTo(403);
            assertThat(resonance.send("GET", "/api/v1/auth/session", null, Map.of("Cookie", "resonance_access=" + adaToken))
                    .json().at("/user/username").asText()).isEqualTo("ada");

            // malformed input through the real servlet stack: JSON errors, never 500
            ResonanceProcess.Answer bad = resonance.send("POST", "/api/v1/auth/login", "{\"username\":", Map.of());
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().at("/error/code").asText()).isEqualTo("invalid_json");
            ResonanceProcess.Answer huge = resonance.send("POST", "/api/v1/auth/login", "{\"x\":\"" + "a".repeat(2_000_000) + "\"}",
                    Map.of());
            assertThat(huge.status()).isEqualTo(413);

            assertThat(resonance.log()).doesNotContain("operator-secret-pw", "ada-password", token, adaToken);
        }
    }
}
