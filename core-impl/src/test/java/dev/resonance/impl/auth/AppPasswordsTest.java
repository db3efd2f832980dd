package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.error.ResonanceException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * App passwords over the real API and database: created in the account (the secret shown once), listed without it,
 * checked as a password, a Subsonic token or an API key, tied to a device of their own, and ended by a revocation, a
 * forgotten device, a password change or a disabled account; failures lock as sign-ins do. The account password is
 * never one.
 */
class AppPasswordsTest {

    private static final String ADDRESS = "203.0.113.7";

    private ApiHarness api;
    private String token;
    private long userId;

    @BeforeEach
    void start() {
        api = new ApiHarness();
        userId = api.createUser("ada", "the-account-password", "regular");
        token = api.accessToken("ada", "the-account-password", "laptop");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonNode create(String name) {
        ApiHarness.Answer created = api.post("v1/user/app-passwords", token, Map.of("name", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private Caller verify(AppPasswords.Credentials credentials) {
        return api.auth.appPasswords().verify(credentials, ADDRESS);
    }

    private static String code(Runnable failing) {
        try {
            failing.run();
        } catch (ResonanceException e) {
            return e.code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void anAppPasswordIsShownOnceListedWithoutItsSecretAndIsADeviceOfItsOwn() {
        JsonNode created = create("DSub on my phone");
        String secret = created.path("secret").asText();

        assertThat(secret).matches("([a-km-np-z2-9]{4}-){4}[a-km-np-z2-9]{4}");
        assertThat(created.path("hint").asText()).isEqualTo(secret.substring(secret.length() - 4));
        JsonNode listed = api.get("v1/user/app-passwords", token).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("name").asText()).isEqualTo("DSub on my phone");
        assertThat(listed.get(0).path("id").asText()).isEqualTo(created.path("id").asText());
        assertThat(listed.get(0).has("secret")).isFalse();
        assertThat(listed.get(0).path("lastUsedAt").isTextual()).as("never used yet").isFalse();
        assertThat(api.get("v1/user/app-passwords", token).body()).doesNotContain(secret);
        JsonNode device = StreamSupport.stream(api.get("v1/user/devices", token).json().spliterator(), false)
                .filter(d -> d.path("id").asLong() == created.path("deviceId").asLong()).findFirst().orElseThrow();
        assertThat(device.path("type").asText()).isEqualTo("subsonic");
        assertThat(device.path("name").asText()).isEqualTo("DSub on my phone");
    }

    @Test
    void itIsCheckedAsAPasswordATokenOrAnApiKeyAndStandsForASessionOfItsDevice() {
        JsonNode created = create("Symfonium");
        String secret = created.path("secret").asText();
        String salt = "c19b2d";

        Caller byPassword = verify(new AppPasswords.Password("ada", secret));
        Caller byToken = verify(new AppPasswords.Token("ADA", AppPasswords.md5Hex(secret + salt).toUpperCase(), salt));
        Caller byKey = verify(new AppPasswords.ApiKey(secret));

        for (Caller caller : new Caller[] {byPassword, byToken, byKey}) {
            assertThat(caller.userId()).isEqualTo(userId);
            assertThat(caller.deviceId()).isEqualTo(created.path("deviceId").asLong());
            assertThat(caller.sessionId()).isEqualTo(UUID.fromString(created.path("id").asText()));
        }
        JsonNode used = api.get("v1/user/app-passwords", token).json().get(0).path("lastUsedAt");
        assertThat(used.isTextual()).as("a time once used: %s", used).isTrue();
        assertThat(java.time.Instant.parse(used.asText())).isAfter(java.time.Instant.now().minusSeconds(300));
    }

    @Test
    void theAccountPasswordAnotherUsersAppPasswordAndWrongTokensAreRefused() {
        String secret = create("Feishin").path("secret").asText();
        api.createUser("bob", "bobs-account-password", "regular");
        String bobs = api.post("v1/user/app-passwords", api.accessToken("bob", "bobs-account-password", "tablet"),
                Map.of("name", "Bob's app")).json().path("secret").asText();

        assertThat(code(() -> verify(new AppPasswords.Password("ada", "the-account-password")))).isEqualTo("invalid_credentials");
        assertThat(code(() -> verify(new AppPasswords.Password("ada", bobs)))).isEqualTo("invalid_credentials");
        assertThat(code(() -> verify(new AppPasswords.Token("ada", AppPasswords.md5Hex(secret + "salt1"), "salt2")))).isEqualTo("invalid_credentials");
        assertThat(code(() -> verify(new AppPasswords.Password("nobody", secret)))).isEqualTo("invalid_credentials");
        assertThat(code(() -> verify(new AppPasswords.ApiKey(secret + "x")))).isEqualTo("invalid_credentials");
        assertThat(code(() -> verify(new AppPasswords.ApiKey("")))).isEqualTo("invalid_credentials");
        assertThat(verify(new AppPasswords.Password("bob", bobs)).username()).isEqualTo("bob");
    }

    @Test
    void aRevokedOrForgottenAppPasswordAPasswordChangeOrADisabledAccountEndsIt() {
        JsonNode first = create("First");
        String firstSecret = first.path("secret").asText();
        assertThat(api.call("DELETE", "v1/user/app-passwords/" + first.path("id").asText(), token, null, null).status()).isEqualTo(204);
        assertThat(code(() -> verify(new AppPasswords.ApiKey(firstSecret)))).isEqualTo("invalid_credentials");
        assertThat(api.get("v1/user/app-passwords", token).json()).isEmpty();
        assertThat(api.call("DELETE", "v1/user/app-passwords/" + first.path("id").asText(), token, null, null).status()).isEqualTo(404);

        JsonNode second = create("Second");
        assertThat(api.call("DELETE", "v1/user/devices/" + second.path("deviceId").asLong(), token, null, null).status()).isEqualTo(204);
        assertThat(code(() -> verify(new AppPasswords.ApiKey(second.path("secret").asText())))).isEqualTo("invalid_credentials");

        String third = create("Third").path("secret").asText();
        assertThat(api.call("PUT", "v1/user/password", token, "application/json", ApiHarness.json(Map.of(
                "currentPassword", "the-account-password", "newPassword", "a-new-account-password"))).status()).isEqualTo(204);
        assertThat(code(() -> verify(new AppPasswords.Password("ada", third)))).isEqualTo("invalid_credentials");

        String fourth = create("Fourth").path("secret").asText();
        verify(new AppPasswords.Password("ada", fourth));
        api.createUser("root", "root-password", "admin");
        String admin = api.accessToken("root", "root-password", "console");
        assertThat(api.call("PATCH", "v1/admin/users/" + userId, admin, "application/json", ApiHarness.json(Map.of("disabled", true)))
                .status()).isEqualTo(200);
        assertThat(code(() -> verify(new AppPasswords.Password("ada", fourth)))).isEqualTo("invalid_credentials");
    }

    @Test
    void failuresLockTheUsernameAsSignInsDoEvenForTheRightSecret() {
        String secret = create("DSub").path("secret").asText();
        // a success a moment ago: the username and address are remembered as without failures, which the failures since undo
        verify(new AppPasswords.Token("ada", AppPasswords.md5Hex(secret + "s0"), "s0"));
        for (int attempt = 1; attempt <= 10; attempt++) {
            int n = attempt;
            assertThat(code(() -> api.auth.appPasswords().verify(new AppPasswords.Password("ada", "wrong-" + n), "198.51.100." + n)))
                    .isEqualTo("invalid_credentials");
        }
        assertThatThrownBy(() -> api.auth.appPasswords().verify(new AppPasswords.Password("ada", secret), "198.51.100.99"))
                .isInstanceOfSatisfying(ResonanceException.class, e -> {
                    assertThat(e.code()).isEqualTo("login_locked");
                    assertThat(e.retryAfter()).isPresent();
                });
        // from the address of the success too: what it remembered was forgotten by the failures
        assertThat(code(() -> verify(new AppPasswords.Token("ada", AppPasswords.md5Hex(secret + "s1"), "s1")))).isEqualTo("login_locked");
    }

    @Test
    void aCredentialVerifiedLatelyKeepsWorkingThroughSomeoneElsesLockOutButNotPastARevocation() {
        JsonNode created = create("Symfonium");
        String secret = created.path("secret").asText();
        AppPasswords.Credentials known = new AppPasswords.Token("ada", AppPasswords.md5Hex(secret + "s1"), "s1");
        long device = verify(known).deviceId();
        for (int attempt = 1; attempt <= 10; attempt++) {
            int n = attempt;
            code(() -> api.auth.appPasswords().verify(new AppPasswords.Password("ada", "guess-" + n), "203.0.113.7"));
        }

        // the app that signed in a moment ago is not locked out by a stranger's guesses; a new proof is checked in full
        assertThat(verify(known).deviceId()).isEqualTo(device);
        assertThat(code(() -> verify(new AppPasswords.Token("ada", AppPasswords.md5Hex(secret + "s2"), "s2")))).isEqualTo("login_locked");

        assertThat(api.call("DELETE", "v1/user/app-passwords/" + created.path("id").asText(), token, null, null).status()).isEqualTo(204);
        assertThat(code(() -> verify(known))).isIn("invalid_credentials", "login_locked");
    }

    @Test
    void aNewAppPasswordWorksAtOnceWithTokensOfFreshSalts() {
        String first = create("First").path("secret").asText();
        verify(new AppPasswords.Token("ada", AppPasswords.md5Hex(first + "a"), "a")); // the user's secrets are now remembered
        String second = create("Second").path("secret").asText();

        for (String salt : List.of("b", "c", "d")) {
            assertThat(verify(new AppPasswords.Token("ada", AppPasswords.md5Hex(second + salt), salt)).userId()).isEqualTo(userId);
        }
    }

    @Test
    void signingInOnManyDevicesNeverEvictsAnAppPasswordsDevice() {
        String secret = create("Old phone app").path("secret").asText();
        for (int i = 0; i < SessionStore.MAX_DEVICES_PER_USER + 5; i++) {
            assertThat(api.login("ada", "the-account-password", "browser-" + i).status()).isEqualTo(200);
        }
        assertThat(verify(new AppPasswords.ApiKey(secret)).userId()).isEqualTo(userId);
    }

    @Test
    void aSignInCannotTakeTheDeviceOfAnAppPasswordAndNamesAreChecked() {
        ApiHarness.Answer taken = api.login("ada", "the-account-password", "app:" + UUID.randomUUID());
        assertThat(taken.status()).isEqualTo(400);
        assertThat(api.post("v1/user/app-passwords", token, Map.of("name", "  ")).status()).isEqualTo(400);
        assertThat(api.post("v1/user/app-passwords", token, Map.of()).status()).isEqualTo(400);
        assertThat(api.post("v1/user/app-passwords", null, Map.of("name", "x")).status()).isEqualTo(401);
    }

    @Test
    void aUserHasAtMostTwentyAppPasswords() {
        for (int i = 0; i < AppPasswords.MAX_PER_USER; i++) {
            create("App " + i);
        }
        ApiHarness.Answer refused = api.post("v1/user/app-passwords", token, Map.of("name", "One more"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("too_many_app_passwords");
    }
}
