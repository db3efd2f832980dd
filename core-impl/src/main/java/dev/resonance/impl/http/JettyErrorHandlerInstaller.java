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

    private final JsonErrorHandler errors = new JsonErrorHandler();

    @Override
    public void setServer(Server server) {
        super.setServer(server);
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
        if (server != null && server.getErrorHandler() == errors) {
            server.setErrorHandler(new ErrorHandler());
        }
        super.doStop();
    }

    private void install() {
        Server server = getServer();
        if (server != null && server.getErrorHandler() != errors) {
            server.setErrorHandler(errors);
        }
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response) {
        // answers nothing: requests go on to the servlet contexts
    }
}
