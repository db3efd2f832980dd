package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed requests get a 4xx with the JSON error shape, never a 500, and change nothing. */
class BadInputTest {

    private static ApiHarness api;
    private static String admin;
    private static long adaId;

    @BeforeAll
    static void start() {
        api = new ApiHarness();
        api.createUser("root", "root-password", "admin");
        adaId = api.createUser("ada", "ada-password", "regular");
        admin = api.accessToken("root", "root-password", "admin-console");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void assertClientError(ApiHarness.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.errorCode()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.json().at("/error/message").asText()).isNotBlank();
    }

    @Test
    void missingFieldsNameTheField() {
        assertClientError(api.post("v1/auth/login", null, "{\"username\":\"ada\",\"deviceId\":\"x\"}"), 400, "missing_field");
        assertThat(api.post("v1/auth/login", null, "{\"username\":\"ada\",\"deviceId\":\"x\"}").json().at("/error/message").asText())
                .contains("password");
        assertClientError(api.post("v1/auth/login", null, "{\"username\":\"ada\",\"password\":\"ada-password\"}"), 400, "missing_field");
    }

    @Test
    void wrongTypesUnknownFieldsAndMalformedJsonAre400() {
        assertClientError(api.post("v1/auth/login", null,
                "{\"username\":12,\"password\":\"p\",\"deviceId\":\"x\"}"), 400, "invalid_json");
        assertClientError(api.post("v1/auth/login", null,
                "{\"username\":\"ada\",\"password\":\"ada-password\",\"deviceId\":\"x\",\"isAdmin\":true}"), 400, "unknown_field");
        assertClientError(api.post("v1/auth/login", null, "{\"username\":"), 400, "invalid_json");
        assertClientError(api.post("v1/auth/login", null, "[1,2]"), 400, "invalid_json");
        assertClientError(api.post("v1/auth/login", null, "{} {}"), 400, "invalid_json");
        assertClientError(api.post("v1/auth/login", null, ""), 400, "invalid_json");
        assertClientError(api.call("PATCH", "v1/admin/users/" + adaId, admin, "application/json", "{\"disabled\":\"yes\"}"),
                400, "invalid_json");
    }

    @Test
    void nonJsonIsRefusedWith415() {
        ApiHarness.Answer answer = api.call("POST", "v1/auth/login", null, "text/plain", "username=ada&password=x");

        assertClientError(answer, 415, "unsupported_media_type");
    }

    @Test
    void oversizedBodiesAreRefusedWith413() {
        String huge = "{\"username\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";

        assertClientError(api.post("v1/auth/login", null, huge), 413, "body_too_large");
    }

    @Test
    void invalidValuesAreExplained() {
        assertClientError(api.call("PATCH", "v1/admin/users/" + adaId, admin, "application/json", "{\"role\":\"emperor\"}"),
                400, "invalid_role");
        assertClientError(api.post("v1/admin/users", admin,
                "{\"username\":\"no spaces allowed\",\"password\":\"long-enough-pw\"}"), 400, "invalid_username");
        assertClientError(api.post("v1/admin/users", admin, "{\"username\":\"eve\",\"password\":\"short\"}"), 400, "weak_password");
        assertClientError(api.post("v1/admin/users", admin, "{\"username\":\"ADA\",\"password\":\"long-enough-pw\"}"), 409,
                "username_taken");
        assertClientError(api.post("v1/admin/users/" + adaId + "/permissions/FlyToTheMoon", admin, "{}"), 404, "not_found");
        assertClientError(api.post("v1/auth/login", null,
                "{\"username\":\"ada\",\"password\":\"ada-password\",\"deviceId\":\"x\",\"deviceType\":\"toaster\"}"),
                400, "invalid_field");
        assertClientError(api.get("v1/admin/users/not-a-number", admin), 404, "not_found");
    }

    static List<String> garbage() {
        return List.of("", "null", "true", "42", "\"text\"", "[]", "{", "{\"a\":", "{\"username\":null}",
                "{\"username\":[\"x\"]}", "{\"password\":{\"nested\":1}}", "\u0000\u0001", "{\"expiresAt\":\"yesterday\"}",
                "{\"role\":null,\"disabled\":null}", "{\"registrationOpen\":\"maybe\"}");
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void garbageNeverCausesAServerError(String body) {
        List<String[]> endpoints = List.of(
                new String[] {"POST", "v1/auth/login"}, new String[] {"POST", "v1/auth/register"},
                new String[] {"POST", "v1/auth/refresh"}, new String[] {"PUT", "v1/user/password"},
                new String[] {"POST", "v1/admin/users"}, new String[] {"PATCH", "v1/admin/users/" + adaId},
                new String[] {"POST", "v1/admin/users/" + adaId + "/permissions/ViewAnalytics"},
                new String[] {"POST", "v1/admin/users/" + adaId + "/password"}, new String[] {"PUT", "v1/admin/settings"});
        for (String[] endpoint : endpoints) {
            ApiHarness.Answer answer = api.call(endpoint[0], endpoint[1], admin, "application/json", body);
            assertThat(answer.status()).as(endpoint[0] + " " + endpoint[1] + " with " + body + ": " + answer).isLessThan(500);
            if (answer.status() >= 400) {
                assertThat(answer.errorCode()).as(answer.toString()).isNotBlank();
            }
        }
        // nothing was changed by any of it
        assertThat(api.auth.user(adaId).role()).isEqualTo("regular");
        assertThat(api.auth.user(adaId).disabled()).isFalse();
        assertThat(api.login("ada", "ada-password", "check").status()).isEqualTo(200);
    }
}
