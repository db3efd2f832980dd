package dev.resonance.impl.history;

import dev.resonance.api.db.Database;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.impl.sync.PlaybackFeed;
import dev.resonance.impl.sync.SyncServices;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Listening history and stats on this node, once sync is there (the listens it records are pushed through sync, the
 * plays reported here reach plugins through sync's {@link PlaybackFeed}): contributes {@code core.history} to the API.
 */
@Component(service = {}, immediate = true)
public final class HistoryComponent {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public HistoryComponent(BundleContext context, @Reference Database db, @Reference SyncServices sync, @Reference PlaybackFeed feed,
                            @Reference io.micrometer.core.instrument.MeterRegistry metrics) {
        metrics.counter("resonance.component.activations", "component", "history").increment(); // docs/metrics.md
        HistoryServices services = HistoryServices.over(db, sync.sync(), feed, Clock.systemUTC());
        for (Object resource : resources(services)) {
            registrations.add(context.registerService(Object.class, resource, HttpContribution.resource("core.history")));
        }
        registrations.add(context.registerService(dev.resonance.impl.graphql.GraphPart.class, new HistoryGraph(services), null));
        registrations.add(context.registerService(HistoryServices.class, services, null)); // for client protocols
    }

    /** The REST resources of history and stats, contributed to the API (tests serve the same). */
    public static List<Object> resources(HistoryServices services) {
        return List.of(new HistoryResource(services.reports(), services.history(), services.stats()), new AdminStatsResource(services.stats()));
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
