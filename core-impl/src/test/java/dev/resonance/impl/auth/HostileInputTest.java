package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that PostgreSQL refuses (NUL, a string longer than an index row, a year beyond timestamptz) are refused where
 * the JSON comes in, as a 400 naming the field, and the server carries on. Found by an outside attack, where each was
 * a 500.
 */
class HostileInputTest {

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

    record Attack(String name, String method, String path, String body, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Attack> attacks() {
        String login = "v1/auth/login";
        return List.of(
                new Attack("NUL in login username", "POST", login,
                        "{\"username\":\"ada\\u0000\",\"password\":\"ada-password\",\"deviceId\":\"x\"}", "username"),
                new Attack("NUL in login deviceId", "POST", login,
                        "{\"username\":\"ada\",\"password\":\"ada-password\",\"deviceId\":\"x\\u0000y\"}", "deviceId"),
                new Attack("NUL in login deviceName", "POST", login,
                        "{\"username\":\"ada\",\"password\":\"ada-password\",\"deviceId\":\"x\",\"deviceName\":\"\\u0000\"}", "deviceName"),
                new Attack("a million-character username", "POST", login,
                        "{\"username\":\"" + "a".repeat(1_000_000) + "\",\"password\":\"p\",\"deviceId\":\"x\"}", "username"),
                new Attack("a newline in a one-line field", "POST", login,
                        "{\"username\":\"ada\",\"password\":\"ada-password\",\"deviceId\":\"x\",\"deviceOs\":\"a\\nb\"}", "deviceOs"),
                new Attack("a lone surrogate", "POST", login,
                        "{\"username\":\"ada\",\"password\":\"ada-password\",\"deviceId\":\"\\ud800\"}", "deviceId"),
                new Attack("NUL in displayName on create", "POST", "v1/admin/users",
                        "{\"username\":\"eve\",\"password\":\"long-enough-pw\",\"displayName\":\"E\\u0000ve\"}", "displayName"),
                new Attack("NUL in displayName on PATCH", "PATCH", "v1/admin/users/" + adaId,
                        "{\"displayName\":\"A\\u0000da\"}", "displayName"),
                new Attack("a year beyond timestamptz", "POST", "v1/admin/users/" + adaId + "/permissions/ViewAnalytics",
                        "{\"expiresAt\":\"+999999-01-01T00:00:00Z\"}", "expiresAt"),
                new Attack("a year before 1970", "POST", "v1/admin/users/" + adaId + "/permissions/ViewAnalytics",
                        "{\"expiresAt\":\"-4000-01-01T00:00:00Z\"}", "expiresAt"),
                new Attack("an over-long string in a field with no rule of its own", "PUT", "v1/user/settings",
                        "{\"ui.theme\":\"" + "d".repeat(5000) + "\"}", "ui.theme"),
                new Attack("NUL in a field name", "PUT", "v1/user/settings", "{\"ui.\\u0000\":1}", "field name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void isRefusedAs400NamingTheField(Attack attack) {
        ApiHarness.Answer answer = api.call(attack.method(), attack.path(), admin, "application/json", attack.body());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("invalid_field");
        assertThat(answer.json().at("/error/message").asText()).contains(attack.field());
        // and the server carries on
        assertThat(api.login("ada", "ada-password", "after-" + attack.name().hashCode()).status()).isEqualTo(200);
        assertThat(api.auth.user(adaId).displayName()).isEmpty();
    }

    @Test
    void aCursorWithNulIsRefusedNotSentToPostgres() {
        String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("1:a\u0000".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String list : List.of("v1/content/albums", "v1/content/artists", "v1/content/tracks")) {
            ApiHarness.Answer answer = api.get(list + "?after=" + cursor, admin);
            assertThat(answer.status()).as(list + ": " + answer).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("invalid_cursor");
        }
    }

    @Test
    void ordinaryTextStillPasses() {
        ApiHarness.Answer created = api.post("v1/admin/users", admin,
                "{\"username\":\"zoe\",\"password\":\"long-enough-pw\",\"displayName\":\"Zoë 🎧 Ünïcode\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("displayName").asText()).isEqualTo("Zoë 🎧 Ünïcode");
        assertThat(api.post("v1/admin/users/" + adaId + "/permissions/ViewAnalytics", admin,
                "{\"expiresAt\":\"2999-01-01T00:00:00Z\"}").status()).isLessThan(300);
    }
}
