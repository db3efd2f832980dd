package dev.resonance.impl.http;

import java.util.List;
import java.util.function.Supplier;
import javax.annotation.Priority;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Response;

/**
 * Cross-origin access for the configured origins only (explicit list, never {@code *}, credentials allowed).
 * Preflight requests from those origins are answered here; from others they get no CORS headers, so the
 * browser refuses the call.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private final Supplier<List<String>> origins;

    public CorsFilter(List<String> origins) {
        List<String> fixed = List.copyOf(origins);
        this.origins = () -> fixed;
    }

    /** Origins read on every request: a configuration change applies at once. */
    public CorsFilter(Supplier<List<String>> origins) {
        this.origins = origins;
    }

    private boolean allowed(String origin) {
        return origin != null && origins.get().contains(origin);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (HttpMethod.OPTIONS.equals(request.getMethod()) && request.getHeaderString("Access-Control-Request-Method") != null) {
            Response.ResponseBuilder preflight = Response.noContent();
            if (allowed(origin)) {
                preflight.header("Access-Control-Allow-Origin", origin)
                        .header("Access-Control-Allow-Credentials", "true")
                        .header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE")
                        .header("Access-Control-Allow-Headers", "Authorization, Content-Type, " + CsrfFilter.HEADER)
                        .header("Access-Control-Max-Age", "600")
                        .header("Vary", "Origin");
            }
            request.abortWith(preflight.build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (allowed(origin)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().putSingle("Access-Control-Allow-Credentials", "true");
            response.getHeaders().add("Vary", "Origin");
        }
    }
}
