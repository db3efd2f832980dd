package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three requests of the security review (grant a permission, start a scan, sign out), made by the browser with
 * the sign-in cookie: refused from a foreign origin (another port of the same host, which SameSite does not cover)
 * or without Origin and the custom header; accepted from our own origin with the header; bearer calls unaffected.
 * The harness serves http://localhost and allows the CORS origin https://app.example.org.
 */
class CsrfTest {

    private ApiHarness api;
    private String adminToken;
    private long userId;

    @BeforeEach
    void start() {
        api = new ApiHarness();
        api.createUser("root", "root-password-1", "admin");
        userId = api.createUser("ada", "ada-password-1", "regular");
        adminToken = api.accessToken("root", "root-password-1", "browser");
        api.library.ensureLibrary("Music", api.musicRoot);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static final String[][] STATE_CHANGES = {
        {"POST", "v1/admin/users/%d/permissions/ManagePermissions"},
        {"POST", "v1/admin/library/scan"},
        {"POST", "v1/auth/logout"},
    };

    /** A cookie request with no body and no Content-Type, as the reviewer sent it. */
    private ApiHarness.Answer withCookie(String[] request, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(extra);
        headers.put("Cookie", "resonance_access=" + adminToken);
        return api.call(request[0], request[1].formatted(userId), null, null, null, headers);
    }

    @Test
    void aCookieRequestFromAnotherPortOfTheSameHostIsRefused() {
        for (String[] request : STATE_CHANGES) {
            ApiHarness.Answer answer = withCookie(request, Map.of("Origin", "http://localhost:9999", "X-Resonance-CSRF", "1"));
            assertThat(answer.status()).as(request[1]).isEqualTo(403);
            assertThat(answer.errorCode()).as(request[1]).isEqualTo("csrf_refused");
        }
        assertThat(api.get("v1/auth/session", adminToken).status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void aCookieRequestWithoutOriginOrTheHeaderIsRefused() {
        for (String[] request : STATE_CHANGES) {
            assertThat(withCookie(request, Map.of()).errorCode()).as(request[1]).isEqualTo("csrf_refused");
            assertThat(withCookie(request, Map.of("Origin", "http://localhost")).errorCode()).as(request[1] + " without header")
                    .isEqualTo("csrf_refused");
            assertThat(withCookie(request, Map.of("X-Resonance-CSRF", "1")).errorCode()).as(request[1] + " without origin")
                    .isEqualTo("csrf_refused");
            assertThat(withCookie(request, Map.of("Origin", "null", "X-Resonance-CSRF", "1")).errorCode()).as(request[1] + " opaque")
                    .isEqualTo("csrf_refused");
        }
    }

    @Test
    void aCookieRequestFromOurOwnOriginWithTheHeaderIsAccepted() {
        assertThat(withCookie(STATE_CHANGES[0], Map.of("Origin", "http://localhost", "X-Resonance-CSRF", "1")).status()).isEqualTo(200);
        assertThat(withCookie(STATE_CHANGES[1], Map.of("Referer", "http://localhost/library", "X-Resonance-CSRF", "1")).status())
                .isEqualTo(202);
        assertThat(withCookie(STATE_CHANGES[2], Map.of("Origin", "http://localhost:80", "X-Resonance-CSRF", "1")).status())
                .isEqualTo(204);
    }

    @Test
    void aConfiguredCorsOriginMayUseTheCookieWithTheHeader() {
        ApiHarness.Answer answer = withCookie(STATE_CHANGES[0], Map.of("Origin", "https://app.example.org", "X-Resonance-CSRF", "1"));
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void bearerRequestsNeedNeitherOriginNorHeader() {
        assertThat(api.call("POST", "v1/admin/users/" + userId + "/permissions/ManagePermissions", adminToken, null, null).status())
                .isEqualTo(200);
        assertThat(api.call("POST", "v1/auth/logout", adminToken, null, null, Map.of("Origin", "http://localhost:9999")).status())
                .isEqualTo(204);
    }

    @Test
    void safeMethodsWithTheCookieAreNotChecked() {
        ApiHarness.Answer answer = api.call("GET", "v1/auth/session", null, null, null,
                Map.of("Cookie", "resonance_access=" + adminToken, "Origin", "http://localhost:9999"));
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void theCorsPreflightLetsAConfiguredOriginSendTheHeader() {
        ApiHarness.Answer answer = api.call("OPTIONS", "v1/auth/logout", null, null, null, Map.of("Origin", "https://app.example.org",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-resonance-csrf"));
        assertThat(answer.header("Access-Control-Allow-Headers")).contains("X-Resonance-CSRF");
    }
}
