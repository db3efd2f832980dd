package dev.resonance.impl.http;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.impl.health.HealthRegistry;
import dev.resonance.impl.health.HealthResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What answers even when the database is down: {@code /health/*}, and a lowest-ranked {@code /api/*} that says
 * the API is unavailable (503, JSON) until the real API servlet — which needs the database — shadows it.
 */
@Component(immediate = true, service = {})
public final class HealthServlets {

    private final List<ServiceRegistration<Servlet>> registrations = new ArrayList<>();

    /** Who is asking, for the details of /health; absent while the account system (the database) is down. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Authenticator authenticator;

    @Activate
    public HealthServlets(BundleContext context, @Reference HealthRegistry health) {
        registrations.add(JerseyServlets.register(context, "resonance-health", "/health/*", 0,
                new ApiServletContainer(HealthResource.application(health, token -> {
                    Authenticator current = authenticator;
                    try {
                        return current == null ? java.util.Optional.empty() : current.authenticate(token);
                    } catch (RuntimeException e) { // the database went away: health answers, without details
                        return java.util.Optional.empty();
                    }
                }))));
        registrations.add(JerseyServlets.register(context, "resonance-api-unavailable", "/api/*", Integer.MIN_VALUE,
                new Unavailable()));
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    private static final class Unavailable extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(503);
            response.setHeader("Retry-After", "5");
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":{\"code\":\"unavailable\",\"message\":"
                    + "\"Resonance is starting or its database is down: see /health\"}}");
        }
    }
}
