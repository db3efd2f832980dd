package dev.resonance.impl.sync.bus;

import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Publishes the node's {@link SyncBus} as a service: the in-process {@link LocalBus} for now; a Redis-backed bus
 * when {@code REDIS_URL} is configured (added with cross-node fan-out). Sync code only ever sees {@link SyncBus}.
 */
@Component(service = {}, immediate = true)
public final class BusComponent {

    private final SyncBus bus;
    private final ServiceRegistration<SyncBus> registration;

    @Activate
    public BusComponent(BundleContext context) {
        bus = new LocalBus();
        registration = context.registerService(SyncBus.class, bus, new Hashtable<>());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        bus.close();
    }
}
