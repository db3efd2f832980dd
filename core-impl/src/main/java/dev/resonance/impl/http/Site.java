package dev.resonance.impl.http;

import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import dev.resonance.impl.health.HealthRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

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

    static final String[] PATTERNS = {"/api/*", "/health/*", "/stream/*", "/metrics/*"};
    /** What the core itself serves: until each of these is up, the server is not ready. */
    static final List<String> CORE_PATHS = List.of("/api", "/api/v1/ws", "/health", "/stream");

    private final SiteServlet servlet;
    private final StartupProbe probe;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public Site(BundleContext context, @Reference HealthRegistry health, @Reference MeterRegistry metrics) {
        probe = new StartupProbe(() -> ListeningAddresses.bound(context), health::report, () -> {
            // not from a component's thread: the exit stops the framework, which waits for components to deactivate
            Thread exit = new Thread(() -> System.exit(2), "resonance-exit");
            exit.start();
        });
        servlet = new SiteServlet(probe::observe, metrics);
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
    void addRoute(HttpRoute route) {
        servlet.add(route); // SCR binds dynamic references after the constructor has run
    }

    void removeRoute(HttpRoute route) {
        servlet.remove(route);
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
            return missing.isEmpty() ? HealthCheck.up("serving " + String.join(", ", CORE_PATHS))
                    : HealthCheck.down("starting: " + String.join(", ", missing) + " not served yet");
        }
    }
}
