package dev.resonance.impl.plugins;

import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.api.lyrics.LyricsProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * A track's lyrics from the {@link LyricsProvider} plugins, asked in service-ranking order until one has some (see the
 * SPI's contract). Providers come and go at any time (dynamic, greedy): a provider registered while a request runs is
 * asked by the next one; one removed mid-call just gives nothing. Only enabled plugins are asked.
 */
public final class LyricsService {

    /**
     * A track's lyrics.
     *
     * @param trackId the track
     * @param source the provider's {@link LyricsProvider#source()}, empty when nobody had lyrics
     * @param plugin the plugin id of that provider
     * @param lyrics the lyrics; empty when none
     */
    public record Answer(long trackId, Optional<String> source, Optional<String> plugin, List<Lyrics> lyrics) {
    }

    private record Provider(Bundle bundle, LyricsProvider provider) {
    }

    private record Found(String source, List<Lyrics> lyrics) {
    }

    private final Map<ServiceReference<?>, Provider> providers =
        new ConcurrentSkipListMap<>(Comparator.<ServiceReference<?>>naturalOrder().reversed());
    private final Catalog catalog;
    private final PluginManager manager;
    private final PluginCalls calls;

    LyricsService(Catalog catalog, PluginManager manager, PluginCalls calls) {
        this.catalog = catalog;
        this.manager = manager;
        this.calls = calls;
    }

    void add(ServiceReference<?> reference, LyricsProvider provider) {
        providers.put(reference, new Provider(reference.getBundle(), provider));
    }

    void remove(ServiceReference<?> reference) {
        providers.remove(reference);
    }

    /** The lyrics of {@code trackId}, which the caller may see (checked by the caller). */
    public Answer lyrics(long trackId) {
        Optional<TrackInfo> track = catalog.track(trackId);
        if (track.isEmpty()) {
            return new Answer(trackId, Optional.empty(), Optional.empty(), List.of());
        }
        for (Provider candidate : providers.values()) {
            Bundle bundle = candidate.bundle();
            if (bundle == null || !manager.admits(bundle)) {
                continue;
            }
            Optional<Found> found = calls.call(bundle, "LyricsProvider.lyrics",
                () -> new Found(candidate.provider().source(), candidate.provider().lyrics(track.get())));
            if (found.isPresent() && found.get().lyrics() != null && !found.get().lyrics().isEmpty()) {
                return new Answer(trackId, Optional.ofNullable(found.get().source()), manager.pluginId(bundle),
                    List.copyOf(found.get().lyrics()));
            }
        }
        return new Answer(trackId, Optional.empty(), Optional.empty(), List.of());
    }
}
