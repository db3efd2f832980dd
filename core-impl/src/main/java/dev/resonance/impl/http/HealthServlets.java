package dev.resonance.impl.http;

import dev.resonance.impl.health.HealthRegistry;
import dev.resonance.impl.health.HealthResource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** {@code /health}, which answers even when the database is down. */
@Component(immediate = true, service = {})
public final class HealthServlets {

    private final ServiceRegistration<HttpRoute> registration;

    @Activate
    public HealthServlets(BundleContext context, @Reference HealthRegistry health) {
        registration = JerseyServlets.route(context, "resonance-health", "/health",
                new ApiServletContainer(JerseyServlets.application().register(HealthResource.class)
                        .register(JerseyServlets.services(health))));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
