package dev.resonance.impl.http;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.osgi.service.component.annotations.Component;

/**
 * Puts {@link JsonErrorHandler} on pax-web's Jetty {@link Server}. pax-web 8 (pax-web-jetty) adds every OSGi service
 * of type {@link Handler} to the server's handler collection, which hands it the server; this handler answers no
 * request itself, it only swaps the server's error handler on the way in and restores Jetty's own on the way out
 * (so the server never keeps a class of a stopped bundle). A {@code jetty.xml} could not do it: pax-web reads it
 * with its own class loader, which cannot see this bundle.
 */
@Component(service = Handler.class, immediate = true)
public final class JettyErrorHandlerInstaller extends AbstractHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JettyErrorHandlerInstaller.class);

    private Server followed;

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        if (server != null && server != followed) {
            followed = server;
            JettyState.follow(server); // the start-up probe's evidence that the port is ours
        }
        install();
    }

    @Override
    protected void doStart() throws Exception {
        install();
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        Server server = getServer();
        if (server != null && server.getErrorHandler() instanceof JsonErrorHandler) {
            server.setErrorHandler(new ErrorHandler());
        }
        super.doStop();
    }

    /**
     * A fresh handler each time: pax-web hands the server over more than once and sets its own error handler in
     * between, and a handler once removed is stopped (and cannot be given a server again once started). Whatever
     * happens here must never stop Jetty from starting: a failure leaves Jetty's own pages and is logged.
     */
    private void install() {
        Server server = getServer();
        if (server == null || server.getErrorHandler() instanceof JsonErrorHandler) {
            return;
        }
        try {
            JsonErrorHandler errors = new JsonErrorHandler();
            // the server first: on a running server setErrorHandler starts the new handler before it hands it the
            // server, and a started handler refuses a server ("STARTED") — seen when this installs after Jetty started
            errors.setServer(server);
            server.setErrorHandler(errors);
            if (server.isStarted() && !errors.isStarted()) {
                errors.start(); // a bean added to a running server is not always started by it
            }
        } catch (Exception e) {
            LOG.warn("Jetty's own errors keep Jetty's HTML page: the JSON error handler could not be installed ({})", e.toString());
        }
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) {
        // answers nothing: requests go on to the servlet contexts
    }
}
