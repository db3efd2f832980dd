package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a fresh server the first registration becomes the administrator: from another machine only with the one-time
 * setup code the server logged at start; from the server's own machine without it.
 */
class FirstAccountTest {

    private ApiHarness api;

    @BeforeEach
    void start() {
        api = new ApiHarness();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private ApiHarness.Answer register(String username, String setupCode, Map<String, String> headers) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", username + "-password",
                "deviceId", "d-" + username, "deviceType", "web"));
        if (setupCode != null) {
            body.put("setupCode", setupCode);
        }
        return api.call("POST", "v1/auth/register", null, "application/json", ApiHarness.json(body), headers);
    }

    @Test
    void fromAnotherMachineTheFirstAccountNeedsTheSetupCode() {
        ApiHarness.Answer without = register("mallory", null, Map.of());
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.errorCode()).isEqualTo("setup_code_required");

        ApiHarness.Answer wrong = register("mallory", "AAAA-BBBB-CCCC", Map.of());
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.errorCode()).isEqualTo("invalid_setup_code");

        String code = api.auth.setupCode().orElseThrow();
        ApiHarness.Answer right = register("root", code.toLowerCase(java.util.Locale.ROOT), Map.of());
        assertThat(right.status()).isEqualTo(201);
        assertThat(right.json().at("/user/role").asText()).isEqualTo("admin");
    }

    @Test
    void theSetupCodeDiesWithTheFirstAccount() {
        String code = api.auth.setupCode().orElseThrow();
        assertThat(register("root", code, Map.of()).status()).isEqualTo(201);

        assertThat(api.auth.setupCode()).isEmpty();
        ApiHarness.Answer again = register("eve", code, Map.of());
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.errorCode()).isEqualTo("registration_closed");
    }

    @Test
    void noCodeIsOfferedOnceAnAccountExists() {
        api.createUser("root", "root-password-1", "admin");
        assertThat(api.auth.setupCode()).isEmpty();
    }

    @Test
    void onTheServerItselfTheFirstAccountNeedsNoCode() {
        ApiHarness.Answer local = register("root", null, Map.of("X-Test-Client", "127.0.0.1"));
        assertThat(local.status()).isEqualTo(201);
        assertThat(local.json().at("/user/role").asText()).isEqualTo("admin");
    }

    @Test
    void aRequestForwardedByALocalProxyIsNotLocal() {
        ApiHarness.Answer proxied = register("mallory", null, Map.of("X-Test-Client", "127.0.0.1", "X-Forwarded-For", "198.51.100.9"));
        assertThat(proxied.status()).isEqualTo(403);
        assertThat(proxied.errorCode()).isEqualTo("setup_code_required");
        ApiHarness.Answer ipv6 = register("root", null, Map.of("X-Test-Client", "::1"));
        assertThat(ipv6.status()).isEqualTo(201);
    }
}
