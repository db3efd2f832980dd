package dev.resonance.impl.http;

import javax.servlet.ServletRequest;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Puts {@link JsonErrorHandler} on pax-web's Jetty {@link Server}, which it learns from the requests it serves
 * ({@link SecurityHeadersFilter} shows it each one), and restores Jetty's own handler when the core stops (so the
 * server never keeps a class of a stopped bundle). It also tells {@link JettyState} which server to follow.
 *
 * <p>Why from requests: the server is otherwise out of reach. A {@code jetty.xml} is read by pax-web with its own class
 * loader, which cannot see this bundle; and an OSGi service of type {@code org.eclipse.jetty.server.Handler} (how this
 * was done until session 15) makes pax-web-jetty rebuild the whole server every time one comes or goes (it
 * re-registers its server controller factory) — during boot, while the core registered its servlets, which now and then
 * left a whiteboard servlet unmapped ({@code /health} answered 302 and {@code /stream/1} 404 by the web app's resource
 * servlet; the distribution tests saw both). Registered before pax-web-jetty starts, the service made it fail to start
 * (pax-web 8.0.34 adds tracked handlers before it has a factory). The first request through the site (the start-up
 * probe's) installs it; until then Jetty's own error page would answer a malformed request.
 */
final class JettyErrorHandlerInstaller {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JettyErrorHandlerInstaller.class);

    private volatile Server followed;

    /** Installs the JSON handler on the server of {@code request} if it has not got it (cheap when it has). */
    void seen(ServletRequest request) {
        Server server = serverOf(request);
        if (server == null) {
            return;
        }
        if (server != followed) {
            followed = server;
            JettyState.follow(server); // the start-up probe's evidence that the port is ours
        }
        if (!(server.getErrorHandler() instanceof JsonErrorHandler)) {
            install(server);
        }
    }

    /** Gives the server it followed Jetty's own error handler back. */
    void release() {
        Server server = followed;
        followed = null;
        if (server != null && server.getErrorHandler() instanceof JsonErrorHandler) {
            server.setErrorHandler(new ErrorHandler());
        }
    }

    private static Server serverOf(ServletRequest request) {
        try {
            Request base = Request.getBaseRequest(request);
            return base == null || base.getHttpChannel() == null ? null : base.getHttpChannel().getServer();
        } catch (RuntimeException | LinkageError e) {
            return null; // not Jetty (a test's own container): nothing to install
        }
    }

    /**
     * A fresh handler each time: pax-web sets its own error handler on a server it configures, and a handler once
     * removed is stopped (and cannot be given a server again once started). Whatever happens here must never fail a
     * request: a failure leaves Jetty's own pages and is logged.
     */
    static synchronized void install(Server server) {
        if (server.getErrorHandler() instanceof JsonErrorHandler) {
            return;
        }
        try {
            JsonErrorHandler errors = new JsonErrorHandler();
            // the server first: on a running server setErrorHandler starts the new handler before it hands it the
            // server, and a started handler refuses a server ("STARTED")
            errors.setServer(server);
            server.setErrorHandler(errors);
            if (server.isStarted() && !errors.isStarted()) {
                errors.start(); // a bean added to a running server is not always started by it
            }
        } catch (Exception e) {
            LOG.warn("Jetty's own errors keep Jetty's HTML page: the JSON error handler could not be installed ({})", e.toString());
        }
    }
}
