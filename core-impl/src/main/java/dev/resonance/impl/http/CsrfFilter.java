package dev.resonance.impl.http;

import dev.resonance.api.error.ResonanceException;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;

/**
 * Cross-site request forgery: a browser attaches the web app's cookies to any request for our host, even one a page
 * on another port or a sibling subdomain makes (SameSite=Strict does not stop a same-site page). So a state-changing
 * request (anything but GET, HEAD, OPTIONS) that carries one of our cookies and no {@code Authorization} header must
 * come from our own origin (or one listed in {@code corsOrigins}) — by its {@code Origin} header, or without one its
 * {@code Referer} — and carry {@value #HEADER}{@code : 1}, a header a plain form or image cannot send and another
 * origin cannot add without passing CORS. Bearer-token requests are not affected: a browser never adds those.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class CsrfFilter implements ContainerRequestFilter {

    /** The header the web app adds to every API call. */
    public static final String HEADER = "X-Resonance-CSRF";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> COOKIES = Set.of(AuthenticationFilter.ACCESS_COOKIE, "resonance_refresh");

    private final Supplier<List<String>> corsOrigins;

    public CsrfFilter(List<String> corsOrigins) {
        List<String> fixed = List.copyOf(corsOrigins);
        this.corsOrigins = () -> fixed;
    }

    /** Origins read on every request: a configuration change applies at once. */
    public CsrfFilter(Supplier<List<String>> corsOrigins) {
        this.corsOrigins = corsOrigins;
    }

    private boolean listed(String origin) {
        return corsOrigins.get().stream().map(PublicOrigin::normalize).flatMap(Optional::stream).anyMatch(origin::equals);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || request.getCookies().keySet().stream().noneMatch(COOKIES::contains)) {
            return;
        }
        Optional<String> from = sender(request);
        if (from.isEmpty()) {
            throw refused("A signed-in browser request must say where it comes from (Origin or Referer)");
        }
        if (!from.get().equals(RequestCaller.publicOrigin(request).origin()) && !listed(from.get())) {
            throw refused("Requests from " + from.get() + " may not use this server's sign-in cookie");
        }
        if (!"1".equals(request.getHeaderString(HEADER))) {
            throw refused("Add the header " + HEADER + ": 1 to requests signed in with the cookie");
        }
    }

    /** The origin of the page that sent the request: its {@code Origin}, else the origin of its {@code Referer}. */
    private static Optional<String> sender(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin != null) {
            return PublicOrigin.normalize(origin); // "null" (sandboxed frames, file:) normalises to nothing
        }
        return PublicOrigin.normalize(request.getHeaderString("Referer"));
    }

    private static ResonanceException refused(String message) {
        return ResonanceException.forbidden("csrf_refused", message);
    }
}
