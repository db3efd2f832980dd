package dev.resonance.impl.http;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import dev.resonance.api.http.HttpContribution;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.glassfish.jersey.server.ResourceConfig;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The REST API at {@code /api/*}: one long-lived JAX-RS application serving every resource contributed as a service
 * with {@link HttpContribution#RESOURCE} (the core's features and plugins alike). It imports no feature.
 *
 * <p>When contributions come or go, a new application is built beside the running one and swapped in
 * ({@link ApiServletContainer#replace}): nothing restarts, no request in flight fails. Changes that arrive together
 * are applied together. A contribution whose service cannot be obtained, or whose resource model Jersey rejects, is
 * refused, logged and shown in {@code /health} ({@code api}); the others keep serving.
 *
 * <p>Readiness: the {@code api} check (critical) is DOWN until the core's own contributions
 * ({@link #CORE_CONTRIBUTIONS}) are served, so {@code /health} never says UP while part of the core API is missing.
 */
@Component(immediate = true, service = {})
public final class ApiServlet {

    /** The contributions of the core's features: until each is served, the API is not ready. */
    public static final List<String> CORE_CONTRIBUTIONS = List.of("core.server", "core.auth", "core.library", "core.sync", "core.stream",
            "core.playlists", "core.history");

    private final ApiContributions contributions;
    private final ServiceTracker<Object, Long> tracker;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    /** Who the caller is; absent while the account system (the database) is down. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Authenticator authenticator;

    @Activate
    public ApiServlet(BundleContext context, @Reference HttpAccess access, @Reference io.micrometer.core.instrument.MeterRegistry metrics)
            throws InvalidSyntaxException {
        metrics.counter("resonance.component.activations", "component", "api").increment(); // docs/configuration.md

        ApiServletContainer container = new ApiServletContainer(() -> access.policy().clients());
        contributions = new ApiContributions(container, resources -> application(access, this::authenticate, resources),
                CORE_CONTRIBUTIONS);
        registrations.add(context.registerService(HealthIndicator.class, new Readiness(), null));
        registrations.add(JerseyServlets.route(context, "resonance-api", "/api", container));
        tracker = new ServiceTracker<>(context, context.createFilter("(" + HttpContribution.RESOURCE + "=true)"), new Tracking(context));
        tracker.open(true);
        // the core's own small resources, contributed like anyone else's
        ServerInfoResource.Version version = new ServerInfoResource.Version(context.getBundle().getVersion().toString());
        for (Object resource : List.of(new ServerInfoResource(version), new OpenApiResource())) {
            registrations.add(context.registerService(Object.class, resource, HttpContribution.resource("core.server")));
        }
    }

    /** The application with the core's providers and filters and {@code resources}; tests build the same. */
    public static ResourceConfig application(HttpAccess access, Authenticator authenticator, Collection<?> resources) {
        ResourceConfig config = JerseyServlets.application()
                .register(ServerTiming.class)
                .register(RouteTemplateFilter.class)
                .register(new CorsFilter(() -> access.policy().corsOrigins()))
                .register(new CsrfFilter(() -> access.policy().corsOrigins()))
                .register(new AuthenticationFilter(authenticator))
                .register(new AccessControl(access.limiter()));
        resources.forEach(config::register);
        return config;
    }

    private Optional<Caller> authenticate(String token) {
        Authenticator current = authenticator;
        return current == null ? Optional.empty() : current.authenticate(token);
    }

    /** Contributions are obtained from the framework and handed to {@link ApiContributions}. */
    private final class Tracking implements ServiceTrackerCustomizer<Object, Long> {
        private final BundleContext context;

        Tracking(BundleContext context) {
            this.context = context;
        }

        @Override
        public Long addingService(ServiceReference<Object> reference) {
            long id = (Long) reference.getProperty(Constants.SERVICE_ID);
            Object name = reference.getProperty(HttpContribution.NAME);
            Object service;
            try {
                service = context.getService(reference);
            } catch (RuntimeException e) {
                service = null;
            }
            if (service == null) {
                contributions.refuse(id, name != null ? name.toString() : reference.getBundle().getSymbolicName(),
                        "its service could not be obtained (see the log)");
                return id;
            }
            String label = name != null ? name.toString() : service.getClass().getName();
            Optional<String> refusal = refusal(Contributor.of(reference.getBundle(), context.getBundle()), service.getClass());
            if (refusal.isPresent()) {
                contributions.refuse(id, label, refusal.get());
                context.ungetService(reference);
                return id;
            }
            contributions.add(new ApiContributions.Contribution(label, service, id));
            return id;
        }

        @Override
        public void modifiedService(ServiceReference<Object> reference, Long id) {
            // properties only; the resource object is the same
        }

        @Override
        public void removedService(ServiceReference<Object> reference, Long id) {
            contributions.remove(id);
            context.ungetService(reference);
        }
    }

    /**
     * Why {@code contributor} may not contribute {@code resource}, if it may not: anything but the core serves only under
     * {@code /api/plugins/<id>/} ({@code @Path("plugins/<id>/...")}), and a plugin only under its own id.
     */
    static Optional<String> refusal(Contributor contributor, Class<?> resource) {
        if (contributor.core()) {
            return Optional.empty();
        }
        javax.ws.rs.Path path = resource.getAnnotation(javax.ws.rs.Path.class);
        String p = path == null ? "" : path.value().replaceAll("^/+", "");
        if (!p.startsWith("plugins/") || p.length() == "plugins/".length() || p.charAt("plugins/".length()) == '/') {
            return Optional.of("a plugin's resource is served under /api/plugins/<its id>: its @Path must start with plugins/<id>/");
        }
        try {
            contributor.requireOwnPath("/api/" + p);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        tracker.close();
        contributions.close();
    }

    /** {@code api}: DOWN until every core contribution is served; lists refused contributions. */
    private final class Readiness implements HealthIndicator {
        @Override
        public String name() {
            return "api";
        }

        @Override
        public HealthCheck check() {
            return contributions.check(CORE_CONTRIBUTIONS);
        }
    }
}
