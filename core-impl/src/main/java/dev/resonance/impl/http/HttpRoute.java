package dev.resonance.impl.http;

import java.util.Objects;
import javax.servlet.Servlet;

/**
 * A servlet the {@link Site} serves under {@code path} (and everything below it, on segment boundaries), built from
 * an {@link dev.resonance.api.http.HttpEndpoint} service. Routes come and go while the site keeps serving: adding or
 * removing one never restarts the servlet context, so no other route blinks.
 *
 * @param name    stable name for logs and health ("resonance-api")
 * @param path    the path prefix without a trailing slash, under one of {@link Site#PATTERNS} ("/api", "/stream")
 * @param servlet initialised by the site with the site's servlet context, destroyed when the route goes
 * @param access  who may call it; checked by the site before the servlet sees the request
 */
public record HttpRoute(String name, String path, Servlet servlet, AccessControl.Requirement access) {

    /**
     * A service property of a core {@code SocketEndpoint}: the WebSocket subprotocol it speaks (e.g.
     * {@code graphql-transport-ws}), accepted when the client offers it.
     */
    public static final String SUBPROTOCOL = "resonance.http.subprotocol";

    /** What a core socket endpoint may learn of its socket's handshake: the access token it was opened with. */
    public interface Handshake {
        java.util.Optional<String> accessToken();
    }

    public HttpRoute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(servlet, "servlet");
        Objects.requireNonNull(access, "access");
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("*")) {
            throw new IllegalArgumentException("a route path looks like /api/v1/ws: " + path);
        }
    }

    /** A WebSocket route served by the core's socket servlet, accepting {@code subprotocol} (null: none) when offered. */
    public static HttpRoute socket(String name, String path, dev.resonance.api.http.SocketEndpoint endpoint,
                                   AccessControl.Requirement access, String subprotocol) {
        return new HttpRoute(name, path, new SocketServlet(endpoint, subprotocol), access);
    }

    /** A route anyone may call (the servlet checks what it needs itself). */
    public HttpRoute(String name, String path, Servlet servlet) {
        this(name, path, servlet, new AccessControl.Anyone());
    }

    /** Whether this route serves {@code requestPath}: the path itself or anything below it. */
    boolean serves(String requestPath) {
        return requestPath.startsWith(path)
                && (requestPath.length() == path.length() || requestPath.charAt(path.length()) == '/');
    }
}
