package dev.resonance.impl.http;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.auth.Caller;
import java.security.Principal;
import java.util.Optional;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

/**
 * Reads the access token ({@code Authorization: Bearer …} or the web app's HTTP-only cookie) and, when it is
 * valid, attaches the caller to the request. It never refuses by itself: {@link AccessControl} decides per
 * endpoint, so public endpoints work with a stale token.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {

    public static final String ACCESS_COOKIE = "resonance_access";

    private final Authenticator authenticator;

    public AuthenticationFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> token = token(request);
        if (token.isEmpty()) {
            return;
        }
        Optional<Caller> caller = authenticator.authenticate(token.get());
        if (caller.isEmpty()) {
            request.setProperty(RequestCaller.TOKEN_REJECTED, Boolean.TRUE);
            return;
        }
        request.setProperty(RequestCaller.CALLER, caller.get());
        SecurityContext original = request.getSecurityContext();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return new RequestCaller.CallerPrincipal(caller.get());
            }

            @Override
            public boolean isUserInRole(String role) {
                return caller.get().role().name().equalsIgnoreCase(role);
            }

            @Override
            public boolean isSecure() {
                return original != null && original.isSecure();
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    static Optional<String> token(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            // an empty bearer token or another scheme is presented, and invalid: not the same as no credentials
            return Optional.of(header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "");
        }
        Cookie cookie = request.getCookies().get(ACCESS_COOKIE);
        return cookie == null ? Optional.empty() : Optional.of(cookie.getValue()).filter(t -> !t.isEmpty());
    }
}
