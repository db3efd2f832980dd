package dev.resonance.impl.sync;

import dev.resonance.api.db.Database;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.impl.auth.AuthService;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.http.JerseyServlets;
import dev.resonance.impl.library.LibraryService;
import dev.resonance.impl.sync.bus.SyncBus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs real-time sync on this node once the database, the accounts and the node's {@link SyncBus} are there:
 * publishes {@link SyncServices} for the REST API, the WebSocket {@code /api/v1/ws} (a servlet on the
 * whiteboard, see {@link SyncEndpoint}), the {@link PlaybackFeed} of what users play on this node,
 * routes committed permission changes of the auth package to the bus, and prunes old events.
 *
 * <p>The bus seam: this component only knows the {@link SyncBus} service. {@code BusComponent} registers the
 * in-process {@code LocalBus}; with {@code REDIS_URL} set, the Redis-backed bus is registered instead and this
 * component is reactivated with it (sockets are closed with 1001 and clients reconnect and catch up).
 */
@Component(service = {}, immediate = true, configurationPid = SyncConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SyncConfig.class)
public final class SyncComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SyncComponent.class);

    private final AuthService auth;
    private final SyncHub hub;
    private final ScheduledExecutorService pruner;
    private final SyncService sync;
    private java.util.concurrent.ScheduledFuture<?> pruning;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final java.util.Map<LibraryService, AutoCloseable> scanFeeds = new java.util.concurrent.ConcurrentHashMap<>();

    @Activate
    public SyncComponent(BundleContext context, @Reference Database db, @Reference SyncBus bus, @Reference AuthService auth,
                         @Reference MeterRegistry metrics, SyncConfig config) {
        metrics.counter("resonance.component.activations", "component", "sync").increment(); // docs/configuration.md
        this.auth = auth;
        Clock clock = Clock.systemUTC();
        SyncService sync = new SyncService(db, bus, UUID.randomUUID().toString(), clock, metrics);
        PlaybackFeed played = new PlaybackFeed();
        PlaybackService playback = new PlaybackService(db, sync, clock, played);
        hub = new SyncHub(SyncHub.Auth.of(auth), db, sync, playback, SyncHub.Limits.of(config), clock, metrics);
        auth.publishEventsTo(sync);

        this.sync = sync;
        pruner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "resonance-sync-pruner");
            thread.setDaemon(true);
            return thread;
        });
        schedulePruning(config, 1);

        SyncServices services = new SyncServices(sync, new LikesService(db, sync), new SettingsService(db, sync),
                new RatingsService(db, sync));
        registrations.add(context.registerService(SyncServices.class, services, new Hashtable<>()));
        registrations.add(context.registerService(PlaybackService.class, playback, new Hashtable<>())); // client protocols' play queue
        // features below sync (playlists) push their committed events through it without depending on sync
        registrations.add(context.registerService(EventPublisher.class, sync, new Hashtable<>()));
        registrations.add(context.registerService(PlaybackFeed.class, played, new Hashtable<>()));
        for (Object resource : resources(services)) {
            registrations.add(context.registerService(Object.class, resource, HttpContribution.resource("core.sync")));
        }
        registrations.add(context.registerService(dev.resonance.impl.graphql.GraphPart.class, SyncGraph.of(services, playback, hub), null));
        // a plain servlet (an exact path wins over the API's /api/*), not a whiteboard JSR-356 endpoint: see SyncEndpoint
        registrations.add(JerseyServlets.route(context, "resonance-sync-socket", SyncEndpoint.PATH, new SyncEndpoint(hub)));
        LOG.info("Sync ready: events kept {} days, WebSocket at {}", config.retentionDays(), SyncEndpoint.PATH);
    }

    /** A configuration change, applied in place: sockets stay open (see {@link SyncHub#update} for what applies when). */
    @Modified
    synchronized void modified(SyncConfig config) {
        hub.update(SyncHub.Limits.of(config));
        pruning.cancel(false);
        schedulePruning(config, config.pruneIntervalMinutes());
        LOG.info("Sync reconfigured: events kept {} days", config.retentionDays());
    }

    private void schedulePruning(SyncConfig config, long firstAfterMinutes) {
        Duration retention = Duration.ofDays(config.retentionDays());
        pruning = pruner.scheduleWithFixedDelay(() -> {
            try {
                sync.prune(retention);
            } catch (RuntimeException e) {
                LOG.warn("Pruning sync events failed: {}", e.getMessage());
            }
        }, firstAfterMinutes, config.pruneIntervalMinutes(), TimeUnit.MINUTES);
    }

    /** The REST resources of sync, contributed to the API (tests serve the same). */
    public static List<Object> resources(SyncServices services) {
        return List.of(new LikesResource(services.likes()), new RatingsResource(services.ratings()), new SettingsResource(services.settings()),
                new SyncResource(services.sync()));
    }

    /** Scan progress reaches the sockets while the library is up; the library may come and go without restarting sync. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindLibrary(LibraryService library) {
        scanFeeds.put(library, library.onProgress(new ScanFeed(hub)));
    }

    // a greedy dynamic reference binds the new service before unbinding the old (STACK.md trap 8): per service
    void unbindLibrary(LibraryService library) {
        closeQuietly(scanFeeds.remove(library));
    }

    private static void closeQuietly(AutoCloseable handle) {
        if (handle != null) {
            try {
                handle.close();
            } catch (Exception e) {
                LOG.debug("Closing the scan feed: {}", e.toString());
            }
        }
    }

    @Deactivate
    void deactivate() {
        scanFeeds.values().forEach(SyncComponent::closeQuietly);
        scanFeeds.clear();
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        auth.publishEventsTo(null);
        hub.close();
        pruner.shutdownNow();
    }
}
