package dev.resonance.impl.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The core's one meter registry ({@link ServerMetrics}), published as a {@link MeterRegistry} service (and as the
 * {@link PrometheusMeterRegistry} {@code /metrics} scrapes). Micrometer is embedded in this bundle, so only the core's
 * own components can use it. No configuration and no references: it never restarts, so components holding it by a
 * static reference never restart because of it, and counters keep counting for the life of the bundle.
 */
@Component(service = {}, immediate = true)
public final class MetricsComponent {

    private final ServerMetrics metrics;
    private final ServiceRegistration<?> registration;

    @Activate
    public MetricsComponent(BundleContext context) {
        metrics = new ServerMetrics();
        registration = context.registerService(new String[] {MeterRegistry.class.getName(), PrometheusMeterRegistry.class.getName()},
                metrics.prometheus(), new Hashtable<>());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        metrics.close();
    }
}
