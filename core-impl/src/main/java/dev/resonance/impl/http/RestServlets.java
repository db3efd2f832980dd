package dev.resonance.impl.http;

import dev.resonance.impl.health.HealthRegistry;
import dev.resonance.impl.health.HealthResource;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.servlet.Servlet;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * The core's Jersey applications, registered on the HTTP whiteboard: {@code /api/*} (the REST API) and
 * {@code /health/*} (readiness). One JSON provider and one exception mapper for both, so every answer has the
 * same shape. Immediate, so the servlets are built once (a delayed Jersey servlet gets built twice).
 */
@Component(immediate = true, service = {})
public final class RestServlets {

    private final List<ServiceRegistration<Servlet>> registrations = new ArrayList<>();

    @Activate
    public RestServlets(BundleContext context, @Reference HealthRegistry health) {
        ServerInfoResource.Version version = new ServerInfoResource.Version(context.getBundle().getVersion().toString());
        register(context, "resonance-api", "/api/*",
                application().register(ServerInfoResource.class).register(services(version)));
        register(context, "resonance-health", "/health/*",
                application().register(HealthResource.class).register(services(health)));
    }

    /**
     * Makes OSGi-provided objects injectable into resource classes ({@code @Inject} constructors). Resources are
     * registered as classes, not instances: Jersey warns about every resource instance (jersey#3700).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static AbstractBinder services(Object... singletons) {
        return new AbstractBinder() {
            @Override
            protected void configure() {
                for (Object singleton : singletons) {
                    bind(singleton).to((Class) singleton.getClass());
                }
            }
        };
    }

    static ResourceConfig application() {
        return new ResourceConfig()
                .register(new JsonProvider())
                .register(new ApiExceptionMapper())
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                .property(ServerProperties.BV_FEATURE_DISABLE, true)
                .property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
    }

    private void register(BundleContext context, String name, String pattern, ResourceConfig app) {
        Hashtable<String, Object> props = new Hashtable<>();
        // explicit names: two unnamed whiteboard servlets clash in pax-web 8 and the second silently 404s
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, name);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, pattern);
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED, true);
        // Jersey must see this bundle's classes while it initialises
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(RestServlets.class.getClassLoader());
        try {
            registrations.add(context.registerService(Servlet.class, new ServletContainer(app), props));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
