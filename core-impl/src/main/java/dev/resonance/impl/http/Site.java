package dev.resonance.impl.http;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.http.HttpEndpoint;
import dev.resonance.api.http.SocketEndpoint;
import dev.resonance.impl.health.HealthRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's HTTP surface: one whiteboard servlet ({@link SiteServlet}) on {@code /api/*}, {@code /health/*},
 * {@code /stream/*} and {@code /metrics/*}, registered once, serving whatever {@link HttpRoute} services exist and
 * timing every request ({@link RequestMetrics}). It also decides readiness:
 * the {@code http} health check is DOWN until every route the core serves ({@link #CORE_PATHS}) is initialised, and
 * "Resonance ready" is logged only once a request sent to the port Jetty reports bound came back through this servlet
 * and {@code /health} is UP. When that request never arrives (Jetty could not bind the port) Resonance exits with 2.
 */
@Component(immediate = true, service = {})
public final class Site {

    private static final Logger LOG = LoggerFactory.getLogger(Site.class);

    static final String[] PATTERNS = {"/api/*", "/health/*", "/stream/*", "/metrics/*", "/rest/*", "/webhooks/*", "/graphql/*"};
    /** Where a bundle other than the core may serve an endpoint (DESIGN.md, HTTP surface). */
    static final List<String> PLUGIN_PATHS = List.of("/api/plugins/", "/rest", "/webhooks/");
    /** What the core itself serves: until each of these is up, the server is not ready. */
    static final List<String> CORE_PATHS = List.of("/api", "/api/v1/ws", "/health", "/stream", "/graphql", "/graphql/ws");

    private final SiteServlet servlet;
    private final org.osgi.framework.Bundle core;
    private final java.util.Map<Long, String> refused = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Long, HttpRoute> bound = new java.util.concurrent.ConcurrentHashMap<>();

    /** Who the caller of an endpoint that is not public is; absent while the account system is down. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Authenticator authenticator;

    /** Which proxies are trusted (TRUSTED_PROXIES): the client address routes see. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HttpAccess access;
    private final StartupProbe probe;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public Site(BundleContext context, @Reference HealthRegistry health, @Reference MeterRegistry metrics) {
        metrics.counter("resonance.component.activations", "component", "site").increment(); // docs/configuration.md
        probe = new StartupProbe(() -> ListeningAddresses.bound(context), health::report, () -> {
            // not from a component's thread: the exit stops the framework, which waits for components to deactivate
            Thread exit = new Thread(() -> System.exit(2), "resonance-exit");
            exit.start();
        });
        core = context.getBundle();
        servlet = new SiteServlet(probe::observe, token -> {
            Authenticator current = authenticator;
            return current == null ? Optional.empty() : current.authenticate(token);
        }, metrics, () -> {
            HttpAccess current = access;
            return current == null ? ClientAddresses.DIRECT : current.policy().clients();
        });
        // the readiness check exists before anything can be served, so /health never says UP without it
        registrations.add(context.registerService(HealthIndicator.class, new Readiness(), new Hashtable<>()));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "resonance-site");
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, PATTERNS);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED, true);
        props.put(Constants.SERVICE_RANKING, 0);
        registrations.add(context.registerService(Servlet.class, servlet, props));
        probe.start();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addEndpoint(ServiceReference<HttpEndpoint> reference, HttpEndpoint endpoint) {
        serve(reference, endpoint, endpoint, "HTTP endpoint");
    }

    /** A contributed WebSocket: served like an endpoint, by a servlet of the core that upgrades the connection. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addSocket(ServiceReference<SocketEndpoint> reference, SocketEndpoint socket) {
        Object subprotocol = reference.getBundle() == core ? reference.getProperty(HttpRoute.SUBPROTOCOL) : null;
        serve(reference, socket, new SocketServlet(socket, subprotocol == null ? null : subprotocol.toString()), "WebSocket endpoint");
    }

    /** Serves {@code servlet} as its service's properties say, or records why not. */
    private void serve(ServiceReference<?> reference, Object service, HttpEndpoint servlet, String kind) {
        long id = (Long) reference.getProperty(Constants.SERVICE_ID);
        String name = Optional.ofNullable(reference.getProperty(HttpContribution.NAME)).map(Object::toString)
                .orElse(service.getClass().getName());
        Object path = reference.getProperty(HttpContribution.PATH);
        try {
            HttpRoute route = route(name, path, servlet, reference.getProperty(HttpContribution.ACCESS),
                    Contributor.of(reference.getBundle(), core));
            this.servlet.add(route); // SCR binds dynamic references after the constructor has run
            bound.put(id, route);
        } catch (IllegalArgumentException e) {
            refused.put(id, name + " at " + path + ": " + e.getMessage());
            LOG.error("{} {} at {} refused: {}", kind, name, path, e.getMessage());
        }
    }

    void removeSocket(ServiceReference<SocketEndpoint> reference, SocketEndpoint socket) {
        removeRoute((Long) reference.getProperty(Constants.SERVICE_ID));
    }

    void removeEndpoint(ServiceReference<HttpEndpoint> reference, HttpEndpoint endpoint) {
        removeRoute((Long) reference.getProperty(Constants.SERVICE_ID));
    }

    private void removeRoute(long id) {
        refused.remove(id);
        HttpRoute route = bound.remove(id);
        if (route != null) {
            servlet.remove(route);
        }
    }

    /** The route an endpoint's properties describe, or why it cannot be served. */
    static HttpRoute route(String name, Object path, HttpEndpoint endpoint, Object access, Contributor contributor) {
        if (!(path instanceof String p) || !p.startsWith("/") || p.endsWith("/") || p.contains("*") || p.contains("//")) {
            throw new IllegalArgumentException("its " + HttpContribution.PATH + " must be a path like /api/plugins/lyrics");
        }
        if (java.util.Arrays.stream(PATTERNS).map(pattern -> pattern.substring(0, pattern.length() - 2))
                .noneMatch(prefix -> p.equals(prefix) || p.startsWith(prefix + "/"))) {
            throw new IllegalArgumentException("the site serves only " + String.join(", ", PATTERNS));
        }
        if (!contributor.core() && PLUGIN_PATHS.stream().noneMatch(prefix -> prefix.endsWith("/") ? p.startsWith(prefix) && p.length() > prefix.length()
                : p.equals(prefix) || p.startsWith(prefix + "/"))) {
            throw new IllegalArgumentException("a plugin serves under /api/plugins/<id>, /rest or /webhooks/<id>");
        }
        contributor.requireOwnPath(p);
        return new HttpRoute(name, p, endpoint, access(access));
    }

    /** {@link HttpContribution#ACCESS}: public, signed-in (the default) or a permission's name. */
    static AccessControl.Requirement access(Object value) {
        if (value == null || HttpContribution.SIGNED_IN.equals(value)) {
            return new AccessControl.AnyCaller();
        }
        if (HttpContribution.PUBLIC.equals(value)) {
            return new AccessControl.Anyone();
        }
        return Permission.parse(value.toString()).<AccessControl.Requirement>map(AccessControl.Holder::new)
                .orElseThrow(() -> new IllegalArgumentException("its " + HttpContribution.ACCESS + " '" + value
                        + "' is neither public, signed-in nor a permission"));
    }

    @Deactivate
    void deactivate() {
        probe.stop();
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    /** DOWN (critical) until every core route serves. */
    private final class Readiness implements HealthIndicator {
        @Override
        public String name() {
            return "http";
        }

        @Override
        public HealthCheck check() {
            List<String> served = servlet.servedPaths();
            List<String> missing = CORE_PATHS.stream().filter(p -> !served.contains(p)).toList();
            String refusals = refused.isEmpty() ? "" : "; refused: " + String.join("; ", List.copyOf(refused.values()));
            return missing.isEmpty() ? HealthCheck.up("serving " + String.join(", ", served) + refusals)
                    : HealthCheck.down("starting: " + String.join(", ", missing) + " not served yet" + refusals);
        }
    }
}
