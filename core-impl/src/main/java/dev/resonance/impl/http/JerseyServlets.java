package dev.resonance.impl.http;

import java.util.Hashtable;
import javax.servlet.Servlet;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** How the core builds and publishes its Jersey applications, so every one has the same JSON and error handling. */
public final class JerseyServlets {

    private JerseyServlets() {
    }

    /** A Jersey application with the core's JSON provider, parameter converters and exception mapper. */
    public static ResourceConfig application() {
        return new ResourceConfig()
                .register(new JsonProvider())
                .register(new ParamConverters())
                .register(new ApiExceptionMapper())
                .register(ErrorEntities.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                .property(ServerProperties.BV_FEATURE_DISABLE, true)
                .property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true)
                // answers up to 64 KiB (a page of 50 tracks is ~25 KiB) go out in one write with a Content-Length,
                // not in 8 KiB chunks the client has to reassemble
                .property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 64 * 1024);
    }

    /**
     * Makes OSGi-provided objects injectable into resource classes ({@code @Inject} constructors). Resources are
     * registered as classes, not instances: Jersey warns about every resource instance (jersey#3700).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static AbstractBinder services(Object... singletons) {
        return new AbstractBinder() {
            @Override
            protected void configure() {
                for (Object singleton : singletons) {
                    bind(singleton).to((Class) singleton.getClass());
                }
            }
        };
    }

    /**
     * Publishes {@code servlet} as an {@link HttpRoute} at {@code path} ("/api", "/stream"): the {@link Site} serves
     * it from the moment it is initialised until the registration is gone.
     */
    public static ServiceRegistration<HttpRoute> route(BundleContext context, String name, String path, Servlet servlet) {
        return context.registerService(HttpRoute.class, new HttpRoute(name, path, servlet), new Hashtable<>());
    }
}
