package dev.resonance.impl.http;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.http.HttpContribution;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.servlet.Servlet;
import javax.servlet.ServletConfig;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one servlet behind {@code /api/*}, {@code /health/*}, {@code /stream/*} and {@code /metrics/*}: it dispatches
 * each request to the {@link HttpRoute} with the longest path that serves it, and times it ({@link RequestMetrics}). Routes are added and removed while it serves — the servlet
 * container never sees them, so a route coming or going restarts nothing and no other route blinks (pax-web restarts
 * the whole context for some registrations, and a replaced servlet left a gap in which {@code /api} answered 404).
 *
 * <p>A path is served by one endpoint: another endpoint cannot take it, but the same endpoint (by name) registered
 * again replaces the old one at once. A route is initialised with this servlet's context before it serves; one whose {@code init} throws is refused
 * and reported, the others keep serving. A removed route stops taking requests at once and is destroyed once the
 * requests it is serving have returned (or after {@link #DRAIN}). A path no route serves answers 503 JSON: the API
 * is starting or the database is down.
 */
public final class SiteServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SiteServlet.class);
    static final long DRAIN = TimeUnit.SECONDS.toMillis(2);

    /** A route that serves: initialised, with the requests it is in. */
    private static final class Mounted {
        final HttpRoute route;
        final AtomicInteger inFlight = new AtomicInteger();

        Mounted(HttpRoute route) {
            this.route = route;
        }
    }

    private final transient Object lock = new Object();
    private final transient List<HttpRoute> pending = new ArrayList<>(); // added before this servlet had a context
    private transient volatile List<Mounted> routes = List.of();         // longest path first
    private transient volatile ServletContext context;
    private final transient Consumer<HttpServletRequest> onRequest;
    private final transient Authenticator authenticator;
    private final transient RequestMetrics metrics;

    /** Routes that are all public, without metrics (tests). */
    public SiteServlet(Consumer<HttpServletRequest> onRequest) {
        this(onRequest, token -> Optional.empty());
    }

    /** Without metrics (tests). */
    public SiteServlet(Consumer<HttpServletRequest> onRequest, Authenticator authenticator) {
        this(onRequest, authenticator, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** Public routes only, timed into {@code metrics} (tests). */
    public SiteServlet(Consumer<HttpServletRequest> onRequest, io.micrometer.core.instrument.MeterRegistry metrics) {
        this(onRequest, token -> Optional.empty(), metrics);
    }

    /**
     * {@code onRequest} sees every request before it is dispatched (the start-up probe looks for its own);
     * {@code authenticator} names the caller of a route that is not public; every request is timed into
     * {@code metrics} ({@link RequestMetrics}).
     */
    public SiteServlet(Consumer<HttpServletRequest> onRequest, Authenticator authenticator,
                       io.micrometer.core.instrument.MeterRegistry metrics) {
        this(onRequest, authenticator, metrics, () -> ClientAddresses.DIRECT);
    }

    /**
     * As above; {@code clients} (read on every request) says which proxies are trusted: behind one, a route's
     * {@code getRemoteAddr()} is the client that {@code X-Forwarded-For} names, so a plugin's lock-outs and logs see
     * the client, not the proxy.
     */
    public SiteServlet(Consumer<HttpServletRequest> onRequest, Authenticator authenticator,
                       io.micrometer.core.instrument.MeterRegistry metrics, java.util.function.Supplier<ClientAddresses> clients) {
        this.onRequest = onRequest;
        this.authenticator = authenticator;
        this.metrics = new RequestMetrics(metrics);
        this.clients = clients;
    }

    private final java.util.function.Supplier<ClientAddresses> clients;

    /** {@code request} with the client's address as its remote address when it came through a trusted proxy. */
    HttpServletRequest fromClient(HttpServletRequest request) {
        String client = clients.get().of(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For"));
        if (client.equals(request.getRemoteAddr())) {
            return request;
        }
        return new javax.servlet.http.HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public String getRemoteHost() {
                return client;
            }
        };
    }

    @Override
    public void init() {
        synchronized (lock) {
            context = getServletContext();
            List<HttpRoute> waiting = List.copyOf(pending);
            pending.clear();
            waiting.forEach(this::mount);
        }
    }

    /**
     * Serves {@code route} from now on (once this servlet has a context).
     *
     * @throws IllegalArgumentException when another route serves the same path
     */
    public void add(HttpRoute route) {
        synchronized (lock) {
            // the same endpoint again (its replacement, registered before the old one goes) takes over at once;
            // another endpoint cannot take a path that is served
            if (pending.stream().anyMatch(r -> r.path().equals(route.path()) && !r.name().equals(route.name()))
                    || routes.stream().anyMatch(m -> m.route.path().equals(route.path()) && !m.route.name().equals(route.name()))) {
                throw new IllegalArgumentException(route.path() + " is already served by another endpoint");
            }
            if (context == null) {
                pending.add(route);
            } else {
                mount(route);
            }
        }
    }

    /** Stops serving {@code route} and destroys its servlet once its requests are done. */
    public void remove(HttpRoute route) {
        Mounted gone = null;
        synchronized (lock) {
            if (pending.remove(route)) {
                return;
            }
            List<Mounted> next = new ArrayList<>(routes);
            for (Mounted m : routes) {
                if (m.route == route) {
                    gone = m;
                    next.remove(m);
                }
            }
            routes = List.copyOf(next);
        }
        if (gone != null) {
            drain(gone);
            destroy(gone.route);
        }
    }

    /** The paths served right now by an initialised route. */
    public List<String> servedPaths() {
        return routes.stream().map(m -> m.route.path()).toList();
    }

    @Override
    public void destroy() {
        List<Mounted> all;
        synchronized (lock) {
            all = routes;
            routes = List.of();
            context = null;
        }
        all.forEach(m -> destroy(m.route));
    }

    private void mount(HttpRoute route) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Jersey must see the contributing bundle's classes while it initialises
        Thread.currentThread().setContextClassLoader(route.servlet().getClass().getClassLoader());
        try {
            route.servlet().init(config(route.name(), context));
        } catch (ServletException | RuntimeException | LinkageError e) {
            LOG.error("HTTP route {} at {} refused: its servlet failed to initialise ({})", route.name(), route.path(), e.toString(), e);
            return;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        List<Mounted> next = new ArrayList<>(routes);
        next.add(0, new Mounted(route)); // before its namesake: the stable sort keeps the newest first
        next.sort(Comparator.comparingInt((Mounted m) -> m.route.path().length()).reversed());
        routes = List.copyOf(next);
        LOG.debug("HTTP route {} serves {}", route.name(), route.path());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        long started = System.nanoTime();
        onRequest.accept(request);
        String path = request.getServletPath() + Optional.ofNullable(request.getPathInfo()).orElse("");
        for (Mounted m : routes) {
            if (m.route.serves(path)) {
                m.inFlight.incrementAndGet();
                boolean failed = true;
                try {
                    if (admitted(m.route, request, response)) {
                        m.route.servlet().service(relative(fromClient(request), m.route.path(), path), response);
                    }
                    failed = false;
                } catch (RuntimeException | ServletException e) {
                    // a route's bug (a plugin's, one day) is a JSON 500 with an incident id, never the container's page
                    if (!ServletErrors.answer(LOG, response, e)) {
                        throw e;
                    }
                    failed = false;
                } finally {
                    m.inFlight.decrementAndGet();
                    metrics.record(request, response, fallbackRoute(m.route, path), System.nanoTime() - started, failed);
                }
                return;
            }
        }
        ServletErrors.write(response, 503, "unavailable", "Resonance is starting or its database is down: see /health", 5);
        metrics.record(request, response, RouteTemplateFilter.UNMATCHED, System.nanoTime() - started, false);
    }

    /** The route label of a request its route did not name: the route's path, or everything below it. */
    static String fallbackRoute(HttpRoute route, String path) {
        return path.length() == route.path().length() ? route.path() : route.path() + "/**";
    }

    /**
     * The request as the route sees it: its own path as the servlet path, the rest as the path info (a servlet
     * mounted at {@code /api/plugins/lyrics} reads {@code /files/1} for {@code /api/plugins/lyrics/files/1}).
     */
    static HttpServletRequest relative(HttpServletRequest request, String routePath, String fullPath) {
        if (routePath.equals(request.getServletPath())) {
            return request; // mounted at the site's own pattern: already so
        }
        String rest = fullPath.substring(routePath.length());
        return new javax.servlet.http.HttpServletRequestWrapper(request) {
            @Override
            public String getServletPath() {
                return routePath;
            }

            @Override
            public String getPathInfo() {
                return rest.isEmpty() ? null : rest;
            }
        };
    }

    /**
     * Whether the caller may use {@code route}; if not, the 401/403 is written. A token comes in the
     * {@code Authorization} header, or for a safe method in the web app's cookie (an unsafe method with only the
     * cookie could be a cross-site request).
     */
    private boolean admitted(HttpRoute route, HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean socket = route.servlet() instanceof SocketServlet;
        if (route.access() instanceof AccessControl.Anyone) {
            if (socket) { // a public socket still learns who the caller is, when a valid token came
                RequestTokens.forSocket(request).flatMap(authenticator::authenticate)
                        .ifPresent(caller -> request.setAttribute(HttpContribution.CALLER_ATTRIBUTE, caller));
            }
            return true;
        }
        String method = request.getMethod();
        boolean safe = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        // a WebSocket handshake is a GET a page of another site can make a browser send with our cookie: no cookie
        Optional<String> token = socket ? RequestTokens.forSocket(request)
                : safe || request.getHeader("Authorization") != null ? RequestTokens.of(request, false) : Optional.empty();
        if (token.isEmpty()) {
            unauthorized(response, "unauthenticated", "Sign in first");
            return false;
        }
        Optional<Caller> caller = authenticator.authenticate(token.get());
        if (caller.isEmpty()) {
            unauthorized(response, "invalid_token", "The access token is invalid or expired: refresh it or sign in again");
            return false;
        }
        if (route.access() instanceof AccessControl.Holder holder && !caller.get().has(holder.permission())) {
            ServletErrors.write(response, 403, "forbidden", "This needs the " + holder.permission().apiName() + " permission", 0);
            return false;
        }
        request.setAttribute(HttpContribution.CALLER_ATTRIBUTE, caller.get());
        return true;
    }

    private static void unauthorized(HttpServletResponse response, String code, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"resonance\"");
        ServletErrors.write(response, 401, code, message, 0);
    }

    private static void drain(Mounted m) {
        long deadline = System.currentTimeMillis() + DRAIN;
        while (m.inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void destroy(HttpRoute route) {
        try {
            route.servlet().destroy();
        } catch (RuntimeException e) {
            LOG.warn("HTTP route {} failed while being destroyed: {}", route.name(), e.toString());
        }
    }

    private static ServletConfig config(String name, ServletContext context) {
        return new ServletConfig() {
            @Override
            public String getServletName() {
                return name;
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String parameter) {
                return null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        };
    }

    static boolean servesAll(Collection<String> served, Collection<String> required) {
        return served.containsAll(required);
    }
}
