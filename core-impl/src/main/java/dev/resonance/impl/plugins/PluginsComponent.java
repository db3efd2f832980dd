package dev.resonance.impl.plugins;

import dev.resonance.api.db.Database;
import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.library.Catalog;
import dev.resonance.api.net.PluginHttp;
import dev.resonance.api.playback.NowPlayingListener;
import dev.resonance.api.playback.Scrobbler;
import dev.resonance.api.schedule.Scheduler;
import dev.resonance.api.storage.KeyValueStore;
import dev.resonance.api.user.UserActivityListener;
import dev.resonance.api.user.UserData;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.sync.SyncServices;
import dev.resonance.impl.library.LibraryCatalog;
import dev.resonance.impl.sync.PlaybackFeed;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin platform: the {@link PluginManager} (which plugins run), the services plugins get (each plugin its own
 * {@link Catalog}, {@link PluginHttp} and {@link KeyValueStore}, shaped by its descriptor), the SPI registries the
 * core calls through {@link PluginCalls} ({@link LyricsService}; {@link PlaybackNotifier}, fed by sync's
 * {@link PlaybackFeed} while sync runs), and the admin API. The core never imports a plugin:
 * plugins reach it only through core-api services, and it reaches them only through the SPI services it tracks here.
 */
@Component(service = {}, immediate = true, configurationPid = PluginsConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PluginsConfig.class)
public final class PluginsComponent {

    private static final Logger LOG = LoggerFactory.getLogger(PluginsComponent.class);

    private final PluginPlatform platform;
    private final PluginManager manager;
    private final HttpClient http;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private volatile FeaturesService features;
    private volatile EventAdmin events;
    private volatile SyncServices sync;
    // What client-protocol plugins (ClientAccess) act through, each as it is now: while one is away (reconfigured), what
    // needs it answers UNAVAILABLE and the rest goes on
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile dev.resonance.impl.auth.AuthService auth;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile dev.resonance.impl.history.HistoryServices history;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile dev.resonance.impl.playlists.PlaylistServices playlists;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile dev.resonance.impl.stream.TrackDelivery delivery;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile dev.resonance.impl.library.LibraryService library;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile dev.resonance.impl.sync.PlaybackService playback;
    private final MeterRegistry metrics;
    private final io.micrometer.core.instrument.Gauge searchIndex;

    @Activate
    public PluginsComponent(BundleContext context, @Reference Database db, @Reference MeterRegistry metrics,
                            @Reference ConfigurationAdmin configs, @Reference MetaTypeService metatype,
                            PluginsConfig config) {
        metrics.counter("resonance.component.activations", "component", "plugins").increment(); // docs/configuration.md
        Catalog catalog = new LibraryCatalog(db);
        platform = PluginPlatform.start(context, db, catalog, Duration.ofMillis(config.callTimeout()),
            config.callsPerPlugin(), () -> Optional.ofNullable(features), Optional.of(configs), Optional.of(metatype),
            () -> Optional.ofNullable(events));
        manager = platform.manager();
        http = HttpClient.newBuilder().connectTimeout(PluginHttp.DEFAULT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
        String coreVersion = context.getBundle().getVersion().toString();
        Clock clock = Clock.systemUTC();
        offer(context, Catalog.class, d -> new PermittedCatalog(catalog, d));
        offer(context, PluginHttp.class, d -> new HostLimitedHttp(http, d, coreVersion, key -> PluginSettings.value(configs, d.id(), key)));
        offer(context, KeyValueStore.class, d -> new PluginKeyValueStore(db, d, clock));
        offer(context, UserData.class, d -> new PluginUserData(db, d, this::publisher));
        RecommendationService recommendations = new RecommendationService(db, platform.providers(dev.resonance.api.recommend.Recommender.class));
        dev.resonance.api.client.ClientAccess clients = new dev.resonance.impl.client.CoreClientAccess(db,
            new dev.resonance.impl.client.ClientBackends(() -> Optional.ofNullable(auth), () -> Optional.ofNullable(sync),
                () -> Optional.ofNullable(history), () -> Optional.ofNullable(playlists), () -> Optional.ofNullable(delivery),
                () -> Optional.ofNullable(library),
                () -> Optional.ofNullable(playback), trackId -> platform.lyrics().lyrics(trackId).lyrics(),
                dev.resonance.impl.client.ClientBackends.Similar.of(recommendations::similar, recommendations::available)),
            new dev.resonance.impl.library.search.CatalogSearch(db, platform.searchMemory()));
        offer(context, dev.resonance.api.client.ClientAccess.class,
            d -> new dev.resonance.impl.client.PermittedClientAccess(clients, d.id(), d::asks));
        offer(context, Scheduler.class, (bundle, d) -> platform.scheduler().forPlugin(bundle, d), platform.scheduler()::cancelAll);
        registrations.add(context.registerService(PluginAdmin.class, platform.admin(), new Hashtable<>()));
        for (Object resource : platform.resources(db)) {
            registrations.add(context.registerService(Object.class, resource, HttpContribution.resource("core.plugins")));
        }
        registrations.add(context.registerService(dev.resonance.impl.graphql.GraphPart.class, platform.graph(db), new Hashtable<>()));
        registrations.add(context.registerService(HealthIndicator.class, new PluginsHealth(manager), new Hashtable<>()));
        this.metrics = metrics;
        searchIndex = io.micrometer.core.instrument.Gauge.builder("resonance.search.index.documents", platform.searchMemory(),
                m -> m.documents()).description("Artists, albums and tracks in this node's in-memory search index (0: searches run on"
                + " the database)").register(metrics);
    }

    /** Registers {@code type} as a bundle-scoped service: each plugin bundle gets {@code make(its descriptor)}. */
    private <S> void offer(BundleContext context, Class<S> type, Function<Descriptor, S> make) {
        offer(context, type, (bundle, descriptor) -> make.apply(descriptor), bundle -> { });
    }

    /**
     * Registers {@code type} as a bundle-scoped service: each plugin bundle gets {@code make(it, its descriptor)}, and
     * {@code release(it)} runs when the bundle lets go of it (its bundle stopped).
     */
    private <S> void offer(BundleContext context, Class<S> type, java.util.function.BiFunction<Bundle, Descriptor, S> make,
                           java.util.function.Consumer<Bundle> release) {
        registrations.add(context.registerService(type, new ServiceFactory<S>() {
            @Override
            public S getService(Bundle bundle, ServiceRegistration<S> registration) {
                Optional<Descriptor> descriptor = manager.descriptor(bundle);
                if (descriptor.isEmpty()) {
                    LOG.warn("Bundle {} asked for {} but is not a valid plugin: refused", bundle.getSymbolicName(),
                        type.getSimpleName());
                    return null;
                }
                return make.apply(bundle, descriptor.get());
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<S> registration, S service) {
                release.accept(bundle);
            }
        }, new Hashtable<>()));
    }

    @Modified
    void modified(PluginsConfig config) {
        platform.calls().timeout(Duration.ofMillis(config.callTimeout()));
        LOG.info("Plugins reconfigured (call timeout {} ms; calls per plugin apply from the next start)", config.callTimeout());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    void bindNowPlayingListener(ServiceReference<NowPlayingListener> reference, NowPlayingListener listener) {
        platform.playback().addListener(reference, listener);
    }

    void unbindNowPlayingListener(ServiceReference<NowPlayingListener> reference) {
        platform.playback().removeListener(reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    void bindScrobbler(ServiceReference<Scrobbler> reference, Scrobbler scrobbler) {
        platform.playback().addScrobbler(reference, scrobbler);
    }

    void unbindScrobbler(ServiceReference<Scrobbler> reference) {
        platform.playback().removeScrobbler(reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    void bindUserActivityListener(ServiceReference<UserActivityListener> reference, UserActivityListener listener) {
        platform.activity().addListener(reference, listener);
    }

    void unbindUserActivityListener(ServiceReference<UserActivityListener> reference) {
        platform.activity().removeListener(reference);
    }

    /** What users play reaches the plugins while sync runs; sync may restart without restarting the plugins. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    void bindPlaybackFeed(PlaybackFeed feed) {
        feed.add(platform.playback());
    }

    // greedy: the new feed is bound before the old one is unbound, so per feed
    void unbindPlaybackFeed(PlaybackFeed feed) {
        feed.remove(platform.playback());
    }

    /**
     * Events plugins publish reach devices live while sync runs (by catch-up otherwise); users' activity reaches the
     * plugins' {@link UserActivityListener}s while it runs.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    void bindSyncServices(SyncServices services) {
        services.sync().follow(platform.activity());
        sync = services;
    }

    // greedy: the new services are bound before the old ones are unbound, so per instance
    void unbindSyncServices(SyncServices services) {
        services.sync().unfollow(platform.activity());
        if (sync == services) {
            sync = null;
        }
    }

    private EventPublisher publisher() {
        SyncServices services = sync;
        return services == null ? EventPublisher.NONE : services.sync();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    void bindFeaturesService(FeaturesService service) {
        features = service;
    }

    void unbindFeaturesService(FeaturesService service) {
        if (features == service) {
            features = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    void bindEventAdmin(EventAdmin service) {
        events = service;
    }

    void unbindEventAdmin(EventAdmin service) {
        if (events == service) {
            events = null;
        }
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        });
        metrics.remove(searchIndex);
        platform.close(); // the HTTP client has no close() on Java 17: its selector thread ends once it is unreachable
    }

    /** {@code /health} "plugins": never critical; DOWN lists the plugins that failed, were refused or have problems. */
    private record PluginsHealth(PluginManager manager) implements HealthIndicator {
        @Override
        public String name() {
            return "plugins";
        }

        @Override
        public boolean critical() {
            return false;
        }

        @Override
        public HealthCheck check() {
            List<PluginManager.Plugin> troubled = manager.troubled();
            if (troubled.isEmpty()) {
                return HealthCheck.up(manager.list().size() + " plugin(s)");
            }
            return HealthCheck.down(troubled.stream().map(p -> p.id() + ": " + p.problem().map(PluginManager.Problem::message)
                .or(p::reason).orElse(p.state().name())).collect(Collectors.joining("; ")));
        }
    }
}
