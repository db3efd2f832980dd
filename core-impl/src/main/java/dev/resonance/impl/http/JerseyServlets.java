package dev.resonance.impl.http;

import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.http.HttpEndpoint;
import java.util.Hashtable;
import javax.servlet.Servlet;
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
     * Publishes {@code servlet} as a public {@link HttpEndpoint} at {@code path} ("/api", "/stream"): the {@link Site}
     * serves it from the moment it is initialised until the registration is gone. Anyone may call it: the servlet
     * checks what it needs itself.
     */
    public static ServiceRegistration<HttpEndpoint> route(BundleContext context, String name, String path, Servlet servlet) {
        Hashtable<String, Object> properties = HttpContribution.endpoint(path, HttpContribution.PUBLIC);
        properties.put(HttpContribution.NAME, name);
        return context.registerService(HttpEndpoint.class, servlet instanceof HttpEndpoint endpoint ? endpoint
                : new EndpointAdapter(servlet), properties);
    }

    /** A servlet of a library (Jersey's) as an endpoint. */
    private record EndpointAdapter(Servlet servlet) implements HttpEndpoint {
        @Override
        public void init(javax.servlet.ServletConfig config) throws javax.servlet.ServletException {
            servlet.init(config);
        }

        @Override
        public javax.servlet.ServletConfig getServletConfig() {
            return servlet.getServletConfig();
        }

        @Override
        public void service(javax.servlet.ServletRequest request, javax.servlet.ServletResponse response)
                throws javax.servlet.ServletException, java.io.IOException {
            servlet.service(request, response);
        }

        @Override
        public String getServletInfo() {
            return servlet.getServletInfo();
        }

        @Override
        public void destroy() {
            servlet.destroy();
        }
    }
}
