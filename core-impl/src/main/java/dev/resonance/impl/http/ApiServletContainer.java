package dev.resonance.impl.http;

import java.io.IOException;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey's servlet with what only the servlet layer knows: the client's address (for rate limits and lockouts)
 * and an early 413 for a declared body larger than the API accepts.
 *
 * <p>It survives being initialised again: pax-web restarts the whole servlet context when a WebSocket endpoint is
 * registered (the sync endpoint), and a Jersey {@link ServletContainer} cannot be initialised twice on the same
 * {@link ResourceConfig} ("The resource configuration is not modifiable"). So each {@link #init} builds a fresh
 * Jersey container on a copy of the application.
 */
public final class ApiServletContainer extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ResourceConfig application;
    private final transient ClientAddresses clients;
    private transient volatile ServletContainer jersey;

    public ApiServletContainer(ResourceConfig application) {
        this(application, ClientAddresses.DIRECT);
    }

    public ApiServletContainer(ResourceConfig application, ClientAddresses clients) {
        this.application = application;
        this.clients = clients;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        ServletContainer fresh = new ServletContainer(new ResourceConfig(application));
        fresh.init(config);
        ServletContainer previous = jersey;
        jersey = fresh;
        if (previous != null) {
            previous.destroy();
        }
    }

    @Override
    public void destroy() {
        ServletContainer current = jersey;
        jersey = null;
        if (current != null) {
            current.destroy();
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (request.getContentLengthLong() > JsonProvider.MAX_BODY_BYTES) {
            response.setStatus(413);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":{\"code\":\"body_too_large\",\"message\":\"The request body is larger than "
                    + JsonProvider.MAX_BODY_BYTES / 1024 + " KiB\"}}");
            return;
        }
        ServletContainer current = jersey;
        if (current == null) {
            response.sendError(503);
            return;
        }
        // Jersey exposes servlet request attributes as request properties
        request.setAttribute(RequestCaller.CLIENT_ADDRESS, clients.of(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For")));
        request.setAttribute(RequestCaller.PUBLIC_ORIGIN, PublicOrigin.of(request, clients));
        current.service(request, response);
    }
}
