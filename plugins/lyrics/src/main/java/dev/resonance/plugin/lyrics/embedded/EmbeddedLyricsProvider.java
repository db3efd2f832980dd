package dev.resonance.plugin.lyrics.embedded;

import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.api.lyrics.LyricsProvider;
import dev.resonance.plugin.lyrics.LyricsConfig;
import dev.resonance.plugin.lyrics.formats.LyricsFormats;
import dev.resonance.plugin.lyrics.formats.MalformedLyricsException;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lyrics embedded in the track's tags, as the core's scanner kept them ({@link Catalog#embeddedLyrics(long)}): ID3
 * {@code SYLT} frames by the SYLT decoder, {@code USLT}, Vorbis {@code LYRICS}/{@code UNSYNCEDLYRICS} and MP4
 * {@code ©lyr} text as LRC when it has time tags, plain lines otherwise. The frame's language is used when the text
 * names none. A tag that cannot be read, or holds no text, gives nothing (logged at debug); the others still count.
 *
 * <p>The highest-ranked source (the file's own tags are the most specific answer). Off: answers nothing, stays
 * registered.
 */
@Component(service = LyricsProvider.class, configurationPid = LyricsConfig.PID,
    property = "service.ranking:Integer=" + EmbeddedLyricsProvider.RANKING)
public final class EmbeddedLyricsProvider implements LyricsProvider {

    public static final String SOURCE = "embedded";
    public static final int RANKING = 300;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLyricsProvider.class);

    private final Catalog catalog;
    private volatile boolean enabled;

    @Activate
    public EmbeddedLyricsProvider(@Reference(name = "catalog") Catalog catalog, LyricsConfig config) {
        this.catalog = catalog;
        modified(config);
    }

    @Modified
    void modified(LyricsConfig config) {
        enabled = config.embeddedEnabled();
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public List<Lyrics> lyrics(TrackInfo track) {
        if (!enabled || !track.hasLyrics()) {
            return List.of();
        }
        return catalog.embeddedLyrics(track.id()).stream()
            .map(embedded -> read(track, embedded))
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    }

    private static Optional<Lyrics> read(TrackInfo track, EmbeddedLyrics embedded) {
        ParsedLyrics parsed;
        try {
            parsed = LyricsFormats.parseEmbedded(embedded);
        } catch (MalformedLyricsException e) {
            LOG.debug("Track {}: {} lyrics not read: {}", track.id(), embedded.kind(), e.getMessage());
            return Optional.empty();
        }
        if (!parsed.warnings().isEmpty()) {
            LOG.debug("Track {}: {} lyrics read with warnings: {}", track.id(), embedded.kind(), parsed.warnings());
        }
        return parsed.hasText() ? Optional.of(parsed.lyrics()) : Optional.empty();
    }
}
