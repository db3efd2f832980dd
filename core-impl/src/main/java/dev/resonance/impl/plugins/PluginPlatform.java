package dev.resonance.impl.plugins;

import dev.resonance.api.db.Database;
import dev.resonance.api.ai.ChatAssistant;
import dev.resonance.api.ai.NaturalLanguageSearch;
import dev.resonance.api.analysis.AudioAnalyzer;
import dev.resonance.api.analysis.EmbeddingProvider;
import dev.resonance.api.download.DownloadProvider;
import dev.resonance.api.library.Catalog;
import dev.resonance.api.lyrics.LyricsProvider;
import dev.resonance.api.metadata.MetadataProvider;
import dev.resonance.api.playlist.SmartPlaylistEngine;
import dev.resonance.api.recommend.Recommender;
import dev.resonance.api.search.SearchProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The plugin platform's parts, wired: the manager, the calls into plugins, the SPI registries (one per SPI, and
 * the playback notifications) and the admin API. The DS component and the test harness build it the same way.
 *
 * @param manager which plugins run
 * @param calls calls into plugins, with their timeout
 * @param providers the registry of each of the {@link #SPIS}, by SPI
 * @param lyrics the lyrics providers' answers, for the lyrics endpoint
 * @param playback the now-playing listeners' and scrobblers' registry, to be subscribed to sync's playback feed
 * @param activity the user-activity listeners' registry, to follow the events sync commits
 * @param admin what the REST API and the shell drive
 * @param scheduler the plugins' periodic jobs on this node
 */
public record PluginPlatform(PluginManager manager, PluginCalls calls, Map<Class<?>, Providers<?>> providers,
                             LyricsService lyrics, PlaybackNotifier playback, UserActivityNotifier activity, PluginAdmin admin,
                             PluginScheduler scheduler, java.util.concurrent.ExecutorService searchRankers,
                             dev.resonance.impl.library.search.SearchMemory searchMemory) implements AutoCloseable {

    /**
     * Threads that rank the kinds of a core search at once (one per kind: artists, albums, tracks, playlists), each
     * on a pooled connection of its own; searches beyond them queue.
     */
    static final int SEARCH_RANKERS = 4;

    /**
     * The SPIs the core asks through {@link Providers} (the playback ones, {@code NowPlayingListener} and
     * {@code Scrobbler}, are fed in order by the {@link PlaybackNotifier}).
     */
    public static final List<Class<?>> SPIS = List.of(LyricsProvider.class, MetadataProvider.class, SearchProvider.class,
        SmartPlaylistEngine.class, Recommender.class, AudioAnalyzer.class, EmbeddingProvider.class,
        NaturalLanguageSearch.class, ChatAssistant.class, DownloadProvider.class);

    /** The registry of one of the {@link #SPIS}. */
    @SuppressWarnings("unchecked")
    public <S> Providers<S> providers(Class<S> spi) {
        Providers<?> registry = providers.get(spi);
        if (registry == null) {
            throw new IllegalArgumentException(spi.getName() + " is not an SPI the core asks");
        }
        return (Providers<S>) registry;
    }

    /**
     * Starts tracking plugin bundles in {@code context}. Config Admin and MetaType are optional (forms need both); so
     * is Event Admin (plugin actions are published as events when it runs).
     */
    @SuppressWarnings("unchecked")
    public static PluginPlatform start(BundleContext context, Database db, Catalog catalog, Duration callTimeout,
                                       int callsPerPlugin, Supplier<Optional<FeaturesService>> features,
                                       Optional<ConfigurationAdmin> configs, Optional<MetaTypeService> metatype,
                                       Supplier<Optional<EventAdmin>> events) {
        PluginAudit audit = new PluginAudit(db, events);
        PluginManager manager = new PluginManager(context, new Decisions(db), Clock.systemUTC(), audit);
        PluginCalls calls = new PluginCalls(manager, callTimeout, callsPerPlugin);
        Map<Class<?>, Providers<?>> providers = new LinkedHashMap<>();
        for (Class<?> spi : SPIS) {
            providers.put(spi, Providers.track(context, spi, manager, calls));
        }
        LyricsService lyrics = new LyricsService(catalog, (Providers<LyricsProvider>) providers.get(LyricsProvider.class));
        PlaybackNotifier playback = new PlaybackNotifier(catalog, manager, calls, PlaybackNotifier.QUEUE_LIMIT);
        UserActivityNotifier activity = new UserActivityNotifier(manager, calls, PlaybackNotifier.QUEUE_LIMIT);
        Optional<PluginSettings> settings = configs.isPresent() && metatype.isPresent()
            ? Optional.of(new PluginSettings(metatype.get(), configs.get())) : Optional.empty();
        PluginAdmin admin = new PluginAdmin(manager, new PluginInstaller(context, manager, features, settings), settings, audit);
        PluginScheduler scheduler = new PluginScheduler(db, manager, calls, Clock.systemUTC(), PluginScheduler.thisNode()).start();
        java.util.concurrent.atomic.AtomicInteger rankers = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService searchRankers = java.util.concurrent.Executors.newFixedThreadPool(SEARCH_RANKERS, r -> {
            Thread t = new Thread(r, "resonance-search-" + rankers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new PluginPlatform(manager, calls, Map.copyOf(providers), lyrics, playback, activity, admin, scheduler, searchRankers,
            new dev.resonance.impl.library.search.SearchMemory(db, Clock.systemUTC()));
    }

    /** The REST resources of the plugin platform. */
    public List<Object> resources(Database db) {
        return List.of(new LyricsResource(lyrics, db), new AdminPluginsResource(admin), new SearchResource(search(db)),
            new RecommendationsResource(new RecommendationService(db, providers(Recommender.class))));
    }

    /** The search service over {@code db} and the search plugins (REST and GraphQL serve the same). */
    public SearchService search(Database db) {
        return new SearchService(db, providers(SearchProvider.class), SearchService.PLUGIN_DEADLINE, searchRankers, Optional.of(searchMemory));
    }

    /** The search part of the GraphQL schema. */
    public SearchGraph graph(Database db) {
        return new SearchGraph(search(db));
    }

    @Override
    public void close() {
        playback.close();
        activity.close();
        scheduler.close();
        providers.values().forEach(Providers::close);
        calls.close();
        manager.close();
        searchRankers.shutdownNow();
        searchMemory.close();
    }
}
