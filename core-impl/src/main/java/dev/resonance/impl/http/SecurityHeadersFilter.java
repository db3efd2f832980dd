package dev.resonance.impl.http;

import java.io.IOException;
import java.util.List;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterAsyncSupported;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterDispatcher;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * The browser-side protections on everything the server sends — web app, API, health, streams — set in one place,
 * before the response is produced, so no servlet or resource can forget them: no MIME sniffing, no referrer to other
 * sites, never framed (clickjacking), and a Content-Security-Policy: the web app may load only its own scripts, styles,
 * images and media and talk only to this server (and its WebSocket); everything else (JSON, audio, errors) may load
 * nothing at all.
 */
// ranked first, so it runs before any filter that answers by itself
@Component(service = Filter.class, immediate = true, property = "service.ranking:Integer=1000")
@HttpWhiteboardFilterName("resonance-security-headers")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterAsyncSupported
// also on forwards and error pages: the web app's root filter forwards "/" without calling the rest of the chain
@HttpWhiteboardFilterDispatcher({DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR})
public final class SecurityHeadersFilter implements Filter {

    /**
     * The built app (Vite) is one module script and one stylesheet from /assets, images and the manifest from our own
     * origin, covers as data:/blob: URLs, audio from /stream (or blob: for decoded buffers), the API and the sync socket.
     * No inline script or style is needed (React sets styles through the CSSOM, which CSP does not govern).
     */
    static final String WEB_APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; connect-src 'self' ws: wss:; font-src 'self'; manifest-src 'self'; worker-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** For answers that are data, not pages: JSON, audio, images, error bodies. */
    static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** The server's own paths; everything else is the web app. */
    private static final List<String> SERVER_PATHS = List.of("/api", "/health", "/stream", "/rest", "/graphql");

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    /** Jetty's server-level errors in the JSON shape, on the server these requests come through. */
    private final JettyErrorHandlerInstaller jettyErrors = new JettyErrorHandlerInstaller();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        jettyErrors.seen(request);
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
            protect(answer, isWebApp(http));
        }
        chain.doFilter(request, response);
    }

    /** Sets the headers; also used by the error answers that never pass a filter or that know they are data. */
    static void protect(HttpServletResponse response, boolean webApp) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", webApp ? WEB_APP_POLICY : DATA_POLICY);
    }

    static boolean isWebApp(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String prefix : SERVER_PATHS) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void destroy() {
        jettyErrors.release();
    }
}
