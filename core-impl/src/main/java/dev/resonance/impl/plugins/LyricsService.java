package dev.resonance.impl.plugins;

import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.api.lyrics.LyricsProvider;
import java.util.List;
import java.util.Optional;

/**
 * A track's lyrics from the {@link LyricsProvider} plugins, asked in service-ranking order until one has some (see the
 * SPI's contract and {@link Providers}: dynamic and greedy, enabled plugins that declare the SPI only).
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

    private record Found(String source, List<Lyrics> lyrics) {
    }

    private final Catalog catalog;
    private final Providers<LyricsProvider> providers;

    LyricsService(Catalog catalog, Providers<LyricsProvider> providers) {
        this.catalog = catalog;
        this.providers = providers;
    }

    /** The lyrics of {@code trackId}, which the caller may see (checked by the caller). */
    public Answer lyrics(long trackId) {
        Optional<TrackInfo> track = catalog.track(trackId);
        if (track.isEmpty()) {
            return new Answer(trackId, Optional.empty(), Optional.empty(), List.of());
        }
        Optional<Providers.Answer<Found>> found = providers.first("lyrics",
            provider -> new Found(provider.source(), provider.lyrics(track.get())),
            answer -> answer.lyrics() != null && !answer.lyrics().isEmpty());
        if (found.isPresent()) {
            Found answer = found.get().value();
            return new Answer(trackId, Optional.ofNullable(answer.source()), Optional.of(found.get().plugin()),
                List.copyOf(answer.lyrics()));
        }
        return new Answer(trackId, Optional.empty(), Optional.empty(), List.of());
    }
}
