package dev.resonance.impl.http;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.impl.health.HealthRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code /health}, which answers even when the database is down. */
@Component(immediate = true, service = {})
public final class HealthServlets {

    private final ServiceRegistration<dev.resonance.api.http.HttpEndpoint> registration;

    /** Who is asking, for the details of /health; absent while the account system (the database) is down. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Authenticator authenticator;

    @Activate
    public HealthServlets(BundleContext context, @Reference HealthRegistry health) {
        registration = JerseyServlets.route(context, "resonance-health", "/health",
                new ApiServletContainer(HealthResource.application(health, token -> {
                    Authenticator current = authenticator;
                    try {
                        return current == null ? java.util.Optional.empty() : current.authenticate(token);
                    } catch (RuntimeException e) { // the database went away: health answers, without details
                        return java.util.Optional.empty();
                    }
                })));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
