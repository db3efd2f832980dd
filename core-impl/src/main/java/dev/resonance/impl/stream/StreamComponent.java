package dev.resonance.impl.stream;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.db.Database;
import dev.resonance.impl.http.JerseyServlets;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Registers {@code /stream/*} once accounts and the database are up. Plugins come and go without touching it. */
@Component(immediate = true, service = {})
public final class StreamComponent {

    private final ServiceRegistration<Servlet> registration;

    @Activate
    public StreamComponent(BundleContext context, @Reference Authenticator authenticator, @Reference Database db) {
        registration = JerseyServlets.register(context, "resonance-stream", "/stream/*", 0,
                new StreamServlet(authenticator, new TrackFiles(db)));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
