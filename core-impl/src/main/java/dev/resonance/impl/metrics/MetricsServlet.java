package dev.resonance.impl.metrics;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.impl.http.AuthenticationFilter;
import dev.resonance.impl.http.ServletErrors;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: every meter of the node in the Prometheus text format 0.0.4. Not public: a scraper presents
 * the configured {@code metricsToken} as a bearer token (compared in constant time; it works while the database is
 * down), a person an access token (bearer or the web app's cookie) of a user holding {@link #PERMISSION}. Refusals are
 * the API's JSON errors: 401 with {@code WWW-Authenticate} without valid credentials, 403 without the permission.
 */
final class MetricsServlet extends HttpServlet {

    /** Who may read the metrics with an access token. */
    static final Permission PERMISSION = Permission.VIEW_ANALYTICS;

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);

    private final transient PrometheusMeterRegistry registry;
    private final transient Supplier<Optional<Authenticator>> authenticator;
    private transient volatile byte[] token = new byte[0];

    MetricsServlet(PrometheusMeterRegistry registry, Supplier<Optional<Authenticator>> authenticator) {
        this.registry = registry;
        this.authenticator = authenticator;
    }

    /** The scrape token from now on; empty: none (only users with {@link #PERMISSION}). */
    void token(String configured) {
        token = configured == null ? new byte[0] : configured.strip().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String rest = request.getPathInfo();
        if (rest != null && !rest.equals("/")) {
            ServletErrors.write(response, 404, "not_found", "The metrics are at /metrics", 0);
            return;
        }
        Optional<String> presented = credentials(request);
        if (presented.isEmpty()) {
            unauthorized(response, "unauthenticated", "Present the metrics token or an access token with the "
                    + PERMISSION.apiName() + " permission (Authorization: Bearer ...)");
            return;
        }
        byte[] expected = token;
        // constant time in the presented token's length: neither the configured token nor how much of it matched leaks
        if (expected.length > 0 && MessageDigest.isEqual(presented.get().getBytes(StandardCharsets.UTF_8), expected)) {
            scrape(response);
            return;
        }
        Optional<Authenticator> accounts = authenticator.get();
        if (accounts.isEmpty()) {
            ServletErrors.write(response, 503, "unavailable", "Accounts are unavailable (is the database down?): the metrics token"
                    + " still works", 5);
            return;
        }
        Optional<Caller> caller;
        try {
            caller = accounts.get().authenticate(presented.get());
        } catch (RuntimeException e) {
            if (!ServletErrors.answer(LOG, response, e)) {
                throw e;
            }
            return;
        }
        if (caller.isEmpty()) {
            unauthorized(response, "invalid_token", "The token is neither the metrics token nor a valid access token");
        } else if (!caller.get().has(PERMISSION)) {
            ServletErrors.write(response, 403, "forbidden", "This needs the " + PERMISSION.apiName() + " permission", 0);
        } else {
            scrape(response);
        }
    }

    private void scrape(HttpServletResponse response) throws IOException {
        byte[] body = registry.scrape(ServerMetrics.CONTENT_TYPE).getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(ServerMetrics.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void unauthorized(HttpServletResponse response, String code, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"resonance\"");
        ServletErrors.write(response, 401, code, message, 0);
    }

    /** The bearer token (any other scheme, or none after it, is presented and wrong), else the web app's cookie. */
    static Optional<String> credentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            return Optional.of(header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "");
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (AuthenticationFilter.ACCESS_COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                    return Optional.of(cookie.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
