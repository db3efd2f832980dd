package dev.resonance.impl.http;

import java.io.IOException;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(ApiServletContainer.class);

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
            ServletErrors.write(response, 413, "body_too_large", "The request body is larger than "
                    + JsonProvider.MAX_BODY_BYTES / 1024 + " KiB", 0);
            return;
        }
        ServletContainer current = jersey;
        if (current == null) {
            ServletErrors.write(response, 503, "unavailable", "The API is restarting: try again in a moment", 1);
            return;
        }
        // Jersey exposes servlet request attributes as request properties
        request.setAttribute(RequestCaller.CLIENT_ADDRESS, clients.of(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For")));
        request.setAttribute(RequestCaller.PUBLIC_ORIGIN, PublicOrigin.of(request, clients));
        try {
            current.service(request, response);
        } catch (ServletException | RuntimeException e) {
            // what escaped Jersey's own mapping (a failure while writing an answer): JSON, never Jetty's HTML page
            if (!ServletErrors.answer(LOG, response, e)) {
                throw e;
            }
        }
    }
}
