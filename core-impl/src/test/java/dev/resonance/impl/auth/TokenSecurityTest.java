package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a token can be forged, stale or revoked is refused with 401. */
class TokenSecurityTest {

    private ApiHarness api;
    private long adaId;

    @BeforeEach
    void start() {
        api = new ApiHarness();
        adaId = api.createUser("ada", "ada-password", "regular");
        api.createUser("bob", "bob-password", "admin");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String[] parts(String jwt) {
        return jwt.split("\\.");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private void assertRefused(String token) {
        ApiHarness.Answer answer = api.get("v1/auth/session", token);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.errorCode()).isEqualTo("invalid_token");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aValidTokenIsAccepted() {
        String token = api.accessToken("ada", "ada-password", "laptop");

        ApiHarness.Answer answer = api.get("v1/auth/session", token);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/user/username").asText()).isEqualTo("ada");
    }

    @Test
    void aChangedPayloadIsRefused() {
        String[] jwt = parts(api.accessToken("ada", "ada-password", "laptop"));
        String forged = decode(jwt[1]).replace("\"sub\":\"" + adaId + "\"", "\"sub\":\"" + (adaId + 1) + "\"");
        assertThat(forged).isNotEqualTo(decode(jwt[1]));

        assertRefused(jwt[0] + "." + b64(forged) + "." + jwt[2]);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        String[] jwt = parts(api.accessToken("ada", "ada-password", "laptop"));
        SignedJWT other = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), JWTClaimsSet.parse(decode(jwt[1])));
        other.sign(new MACSigner("another-secret-that-is-long-enough-for-hs256!".getBytes(StandardCharsets.UTF_8)));

        assertRefused(other.serialize());
    }

    @Test
    void algNoneAndOtherAlgorithmsAreRefused() throws Exception {
        String[] jwt = parts(api.accessToken("ada", "ada-password", "laptop"));

        assertRefused(b64("{\"alg\":\"none\"}") + "." + jwt[1] + ".");
        assertRefused(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + jwt[1] + "." + jwt[2]);
        assertRefused(b64("{\"alg\":\"HS512\"}") + "." + jwt[1] + "." + jwt[2]);
        assertRefused("not-a-jwt");
        assertRefused("");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = api.accessToken("ada", "ada-password", "laptop");
        assertThat(api.get("v1/auth/session", token).status()).as("verified once, so remembered").isEqualTo(200);

        api.clock.advance(Duration.ofMinutes(16));

        assertRefused(token);
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheSession() {
        ApiHarness.Answer login = api.login("ada", "ada-password", "phone");
        String first = login.json().path("refreshToken").asText();
        ApiHarness.Answer rotated = api.post("v1/auth/refresh", null, Map.of("refreshToken", first));
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.json().path("refreshToken").asText();
        String access = rotated.json().path("accessToken").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(api.get("v1/auth/session", access).status()).as("the new access token works (its session is now cached)")
                .isEqualTo(200);

        api.clock.advance(AuthService.REFRESH_REUSE_GRACE.plusSeconds(1));
        ApiHarness.Answer reuse = api.post("v1/auth/refresh", null, Map.of("refreshToken", first));

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.errorCode()).isEqualTo("refresh_token_reused");
        // the thief's and the owner's tokens of that session are all dead now
        assertThat(api.post("v1/auth/refresh", null, Map.of("refreshToken", second)).status()).isEqualTo(401);
        assertRefused(access);
    }

    @Test
    void theReplacedRefreshTokenPresentedAgainWithinSecondsRotatesOnceMoreInsteadOfRevoking() {
        // a refresh whose answer never arrived (the page navigated away meanwhile), or two tabs refreshing at once
        ApiHarness.Answer login = api.login("ada", "ada-password", "tablet");
        String first = login.json().path("refreshToken").asText();
        String lost = api.post("v1/auth/refresh", null, Map.of("refreshToken", first)).json().path("refreshToken").asText();
        api.clock.advance(AuthService.REFRESH_REUSE_GRACE.minusSeconds(5));

        ApiHarness.Answer again = api.post("v1/auth/refresh", null, Map.of("refreshToken", first));

        assertThat(again.status()).isEqualTo(200);
        String third = again.json().path("refreshToken").asText();
        assertThat(third).isNotIn(first, lost);
        assertThat(api.get("v1/auth/session", again.json().path("accessToken").asText()).status()).isEqualTo(200);
        // the session moved on: the newest token rotates it, the first one is no longer known
        assertThat(api.post("v1/auth/refresh", null, Map.of("refreshToken", first)).errorCode()).isEqualTo("invalid_refresh_token");
        assertThat(api.post("v1/auth/refresh", null, Map.of("refreshToken", third)).status()).isEqualTo(200);
    }

    @Test
    void anUnknownRefreshTokenIsRefused() {
        ApiHarness.Answer answer = api.post("v1/auth/refresh", null, Map.of("refreshToken", "made-up"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errorCode()).isEqualTo("invalid_refresh_token");
    }

    @Test
    void afterLogoutTheAccessAndRefreshTokensAreRefused() {
        ApiHarness.Answer login = api.login("ada", "ada-password", "laptop");
        String access = login.json().path("accessToken").asText();

        assertThat(api.post("v1/auth/logout", access, "{}").status()).isEqualTo(204);

        assertRefused(access);
        assertThat(api.post("v1/auth/refresh", null, Map.of("refreshToken", login.json().path("refreshToken").asText())).status())
                .isEqualTo(401);
    }

    @Test
    void aRevokedDeviceIsRefused() {
        ApiHarness.Answer laptop = api.login("ada", "ada-password", "laptop");
        String phone = api.accessToken("ada", "ada-password", "phone");
        long id = java.util.stream.StreamSupport.stream(api.get("v1/user/devices", phone).json().spliterator(), false)
                .filter(d -> d.path("deviceId").asText().equals("laptop")).findFirst().orElseThrow().path("id").asLong();

        assertThat(api.call("DELETE", "v1/user/devices/" + id, phone, null, null).status()).isEqualTo(204);

        assertRefused(laptop.json().path("accessToken").asText());
        assertThat(api.post("v1/auth/refresh", null, Map.of("refreshToken", laptop.json().path("refreshToken").asText())).status())
                .isEqualTo(401);
        assertThat(api.get("v1/auth/session", phone).status()).isEqualTo(200);
    }

    @Test
    void aDisabledUsersTokensAreRefused() {
        String ada = api.accessToken("ada", "ada-password", "laptop");
        String bob = api.accessToken("bob", "bob-password", "desk");

        assertThat(api.call("PATCH", "v1/admin/users/" + adaId, bob, "application/json", "{\"disabled\":true}").status())
                .isEqualTo(200);

        assertRefused(ada);
        ApiHarness.Answer login = api.login("ada", "ada-password", "laptop");
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.errorCode()).isEqualTo("account_disabled");
    }

    @Test
    void theCookieWorksLikeTheHeaderAndIsHttpOnlyAndStrict() {
        ApiHarness.Answer login = api.login("ada", "ada-password", "browser");
        String access = login.json().path("accessToken").asText();

        assertThat(login.headers("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("resonance_access=" + access + ";").contains("HttpOnly", "SameSite=Strict", "Path=/"));
        assertThat(login.headers("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("resonance_refresh=").contains("HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"));
        ApiHarness.Answer withCookie = api.call("GET", "v1/auth/session", null, null, null,
                Map.of("Cookie", "resonance_access=" + access));
        assertThat(withCookie.status()).isEqualTo(200);
    }
}
