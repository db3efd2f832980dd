package dev.resonance.webui;

import java.io.IOException;
import java.util.List;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Makes every route of the single-page app load the app, and keeps everything else as it is:
 * <ul>
 *   <li>{@code /} and every app route ({@code /library}, {@code /albums/12}: a GET or HEAD for a path whose last
 *       segment has no extension, outside the server's own paths) are forwarded to {@code /index.html}, which
 *       {@link WebAppResources} serves, so a deep link or a reload shows the app, whose router draws the page;</li>
 *   <li>a file of the app ({@code /assets/index-abc.js}) passes through to the resource servlet;</li>
 *   <li>a missing file ({@code /assets/gone.js}) too: the resource servlet's 404 becomes the JSON error of the
 *       core's error page;</li>
 *   <li>the server's own paths ({@link #SERVER_PATHS}: the API, health, streams, metrics, GraphQL, plugin
 *       routes) pass through untouched, so an unknown API path keeps its JSON 404.</li>
 * </ul>
 * Needed because the whiteboard's default context has no welcome files in pax-web 8, so its resource servlet
 * answers 403 for the directory "/"; and a servlet on the empty (context-root) pattern does not help, pax-web maps
 * it to the default servlet "/", which the resource pattern "/*" outranks (both seen in Karaf 4.4.10, pax-web
 * 8.0.34). It also gives the web app manifest its Content-Type.
 */
@Component(service = Filter.class, immediate = true)
@HttpWhiteboardFilterName("resonance-webui-root")
@HttpWhiteboardFilterPattern("/*")
public final class WebAppRootFilter implements Filter {

    static final String INDEX = "/index.html";

    /** The server's paths (the core's {@code Site.PATTERNS}): never the app's. */
    static final List<String> SERVER_PATHS = List.of("/api", "/health", "/stream", "/metrics", "/rest", "/webhooks", "/graphql");

    /** Where the app's files are in this bundle ({@link WebAppResources}'s prefix). */
    private static final String FOLDER = "/webui";

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse out)) {
            chain.doFilter(request, response);
            return;
        }
        String path = http.getRequestURI().substring(http.getContextPath().length());
        switch (route(http.getMethod(), path, p -> WebAppRootFilter.class.getResource(FOLDER + p) != null)) {
            case APP -> {
                // the page is the app's shell: always asked for again, so a new build's assets are picked up
                out.setHeader("Cache-Control", "no-cache");
                http.getRequestDispatcher(INDEX).forward(request, response);
            }
            case PASS -> {
                if (path.endsWith(".webmanifest")) {
                    // the resource servlet has no MIME type for it and would send none; browsers want this one
                    out.setContentType("application/manifest+json");
                }
                chain.doFilter(request, response);
            }
        }
    }

    /** What a request is: a route of the app, or anything else (a file of the app, one it lacks, a server path). */
    enum Route { APP, PASS }

    /** The route of {@code method} {@code path} (within the site), given which app files {@code exists}. */
    static Route route(String method, String path, java.util.function.Predicate<String> exists) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Route.PASS;
        }
        for (String server : SERVER_PATHS) {
            if (path.equals(server) || path.startsWith(server + "/")) {
                return Route.PASS;
            }
        }
        if (path.isEmpty() || path.equals("/") || path.equals(INDEX)) {
            return path.equals(INDEX) ? Route.PASS : Route.APP;
        }
        if (path.contains("..") || path.contains("//")) {
            return Route.PASS; // the resource servlet refuses these its own way
        }
        if (exists.test(path)) {
            return Route.PASS;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.contains(".") ? Route.PASS : Route.APP;
    }

    @Override
    public void destroy() {
        // nothing to release
    }
}
