package dev.resonance.impl.metrics;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.impl.config.ServerConfig;
import dev.resonance.api.http.HttpEndpoint;
import dev.resonance.impl.http.JerseyServlets;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /metrics} ({@link MetricsServlet}) as an {@link HttpEndpoint}. It reads {@code metricsToken} of the server PID
 * {@code resonance.core.server} itself, with {@code @Modified}: a new token applies to the next scrape, and neither
 * this route nor the server settings restart. It is up while the accounts are down (the token still works).
 */
// service = {}: the route is registered by hand, so the PID's properties (the token) never become service properties
@Component(immediate = true, service = {}, configurationPid = ServerConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class MetricsRoute {

    /** Who signed-in users are, for those who scrape with an access token; absent while the accounts are down. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Authenticator authenticator;

    private final MetricsServlet servlet;
    private final ServiceRegistration<HttpEndpoint> registration;

    @Activate
    public MetricsRoute(BundleContext context, @Reference PrometheusMeterRegistry registry, ServerConfig config) {
        registry.counter("resonance.component.activations", "component", "metrics").increment(); // docs/configuration.md
        servlet = new MetricsServlet(registry, () -> Optional.ofNullable(authenticator));
        servlet.token(config.metricsToken());
        registration = JerseyServlets.route(context, "resonance-metrics", "/metrics", servlet);
    }

    @Modified
    void modified(ServerConfig config) {
        servlet.token(config.metricsToken());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
