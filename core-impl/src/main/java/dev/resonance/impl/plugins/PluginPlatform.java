package dev.resonance.impl.plugins;

import dev.resonance.api.db.Database;
import dev.resonance.api.library.Catalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The plugin platform's parts, wired: the manager, the calls into plugins, the SPI registries (lyrics, playback
 * notifications) and the admin API. The DS component and the test harness build it the same way.
 *
 * @param manager which plugins run
 * @param calls calls into plugins, with their timeout
 * @param lyrics the lyrics providers' registry
 * @param playback the now-playing listeners' and scrobblers' registry, to be subscribed to sync's playback feed
 * @param admin what the REST API and the shell drive
 */
public record PluginPlatform(PluginManager manager, PluginCalls calls, LyricsService lyrics, PlaybackNotifier playback,
                             PluginAdmin admin) implements AutoCloseable {

    /**
     * Starts tracking plugin bundles in {@code context}. Config Admin and MetaType are optional (forms need both); so
     * is Event Admin (plugin actions are published as events when it runs).
     */
    public static PluginPlatform start(BundleContext context, Database db, Catalog catalog, Duration callTimeout,
                                       int callsPerPlugin, Supplier<Optional<FeaturesService>> features,
                                       Optional<ConfigurationAdmin> configs, Optional<MetaTypeService> metatype,
                                       Supplier<Optional<EventAdmin>> events) {
        PluginAudit audit = new PluginAudit(db, events);
        PluginManager manager = new PluginManager(context, new Decisions(db), Clock.systemUTC(), audit);
        PluginCalls calls = new PluginCalls(manager, callTimeout, callsPerPlugin);
        LyricsService lyrics = new LyricsService(catalog, manager, calls);
        PlaybackNotifier playback = new PlaybackNotifier(catalog, manager, calls, PlaybackNotifier.QUEUE_LIMIT);
        Optional<PluginSettings> settings = configs.isPresent() && metatype.isPresent()
            ? Optional.of(new PluginSettings(metatype.get(), configs.get())) : Optional.empty();
        PluginAdmin admin = new PluginAdmin(manager, new PluginInstaller(context, manager, features, settings), settings, audit);
        return new PluginPlatform(manager, calls, lyrics, playback, admin);
    }

    /** The REST resources of the plugin platform. */
    public List<Object> resources(Database db) {
        return List.of(new LyricsResource(lyrics, db), new AdminPluginsResource(admin));
    }

    @Override
    public void close() {
        playback.close();
        calls.close();
        manager.close();
    }
}
