package dev.resonance.impl.playlists;

import dev.resonance.api.db.Database;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.library.LibraryService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Runs playlists once the database and the library (whose image store keeps uploaded covers) are there, and
 * contributes {@code /api/v1/user/playlists} and its GraphQL part as {@code core.playlists}. Events are pushed through the node's
 * {@link EventPublisher} (sync registers it) when there is one; without it they stay in the log and devices catch up.
 * Playlists know nothing of sync: sync reads the snapshot's playlists through {@link PlaylistSummaries}.
 */
@Component(service = {}, immediate = true)
public final class PlaylistsComponent {

    private volatile EventPublisher publisher = EventPublisher.NONE;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public PlaylistsComponent(BundleContext context, @Reference Database db, @Reference LibraryService library,
                              @Reference MeterRegistry metrics) {
        metrics.counter("resonance.component.activations", "component", "playlists").increment(); // docs/metrics.md
        PlaylistServices services = PlaylistServices.over(db, library.images(), () -> publisher, Clock.systemUTC());
        for (Object resource : resources(services)) {
            registrations.add(context.registerService(Object.class, resource, HttpContribution.resource("core.playlists")));
        }
        registrations.add(context.registerService(dev.resonance.impl.graphql.GraphPart.class, graph(services), null));
        registrations.add(context.registerService(PlaylistServices.class, services, null)); // for client protocols
    }

    /** The REST resources of playlists, contributed to the API (tests serve the same). */
    public static List<Object> resources(PlaylistServices services) {
        return List.of(new PlaylistsResource(services.playlists(), services.sharing(), services.files()));
    }

    /** The playlists' part of the GraphQL schema (tests build the same). */
    public static dev.resonance.impl.graphql.GraphPart graph(PlaylistServices services) {
        return new PlaylistsGraph(services.playlists(), services.sharing());
    }

    // a greedy dynamic reference binds the new publisher before unbinding the old: unbind only the one bound
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindPublisher(EventPublisher bound) {
        publisher = bound;
    }

    void unbindPublisher(EventPublisher unbound) {
        if (publisher == unbound) {
            publisher = EventPublisher.NONE;
        }
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
