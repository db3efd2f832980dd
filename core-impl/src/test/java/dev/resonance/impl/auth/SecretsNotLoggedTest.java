package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drives every account flow that handles a secret while capturing the log (slf4j-simple writes to System.err),
 * then checks that no password, password hash, access token or refresh token appears in the log or in any
 * error answer.
 */
class SecretsNotLoggedTest {

    @Test
    void noSecretReachesTheLogOrAnErrorMessage() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        List<String> secrets = new ArrayList<>();
        List<ApiHarness.Answer> errors = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (ApiHarness api = new ApiHarness()) {
            secrets.addAll(List.of("first-admin-pw-7", "wrong-guess-pw-1", "ada-initial-pw-2", "ada-new-pw-3", "reset-by-admin-4"));

            ApiHarness.Answer register = api.call("POST", "v1/auth/register", null, "application/json",
                    ApiHarness.json(Map.of("username", "root", "password", "first-admin-pw-7", "deviceId", "d1", "deviceType", "web")),
                    Map.of("X-Test-Client", "127.0.0.1"));
            String admin = register.json().path("accessToken").asText();
            secrets.add(admin);
            secrets.add(register.json().path("refreshToken").asText());
            errors.add(api.post("v1/admin/users", admin, Map.of("username", "weak", "password", "short")));
            long ada = api.post("v1/admin/users", admin, Map.of("username", "ada", "password", "ada-initial-pw-2"))
                    .json().path("id").asLong();

            errors.add(api.login("ada", "wrong-guess-pw-1", "phone"));
            errors.add(api.login("nobody", "wrong-guess-pw-1", "phone"));
            ApiHarness.Answer login = api.login("ada", "ada-initial-pw-2", "phone");
            String adaToken = login.json().path("accessToken").asText();
            String refresh = login.json().path("refreshToken").asText();
            secrets.addAll(List.of(adaToken, refresh));
            ApiHarness.Answer rotated = api.post("v1/auth/refresh", null, Map.of("refreshToken", refresh));
            secrets.add(rotated.json().path("refreshToken").asText());
            secrets.add(rotated.json().path("accessToken").asText());
            api.clock.advance(AuthService.REFRESH_REUSE_GRACE.plusSeconds(1));
            errors.add(api.post("v1/auth/refresh", null, Map.of("refreshToken", refresh))); // reuse
            errors.add(api.call("PUT", "v1/user/password", rotated.json().path("accessToken").asText(), "application/json",
                    ApiHarness.json(Map.of("currentPassword", "wrong-guess-pw-1", "newPassword", "ada-new-pw-3"))));
            errors.add(api.get("v1/auth/session", adaToken + "tampered"));
            api.post("v1/admin/users/" + ada + "/password", admin, Map.of("password", "reset-by-admin-4"));
            for (int i = 0; i < 11; i++) {
                errors.add(api.login("ada", "wrong-guess-pw-1", "laptop"));
            }
            try (Connection c = api.db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT password_hash FROM users")) {
                while (rs.next()) {
                    secrets.add(rs.getString(1));
                    secrets.add(rs.getString(1).substring(rs.getString(1).lastIndexOf('$') + 1)); // the digest alone
                }
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);

        assertThat(log).as("the capture works").contains("Login failed for 'ada'", "Registered user 'root'");
        assertThat(secrets).hasSizeGreaterThan(10).allSatisfy(secret -> {
            assertThat(log).doesNotContain(secret);
            assertThat(errors).allSatisfy(answer -> assertThat(answer.body()).doesNotContain(secret));
        });
        assertThat(errors).allSatisfy(answer -> assertThat(answer.status()).isBetween(400, 499));
    }
}
