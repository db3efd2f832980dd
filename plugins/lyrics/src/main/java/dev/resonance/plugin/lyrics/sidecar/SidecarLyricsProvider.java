package dev.resonance.plugin.lyrics.sidecar;

import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.api.lyrics.LyricsProvider;
import dev.resonance.plugin.lyrics.LyricsConfig;
import dev.resonance.plugin.lyrics.formats.LyricsFormats;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lyrics files next to the track ({@link Catalog#file(long)}): the track's base name (case as the track's) with the
 * extension {@code .elrc}, {@code .lrc} or {@code .txt} in any case ({@code Song.LRC} for {@code Song.flac}), in that
 * order of preference — several files give several lyrics. LRC files give synced lyrics, {@code .txt} unsynced; text
 * encodings as {@code TextDecoding} reads them (BOMs, UTF-16, UTF-8, ISO-8859-1).
 *
 * <p>Never fails for what is not there: no file for the track, a folder gone, no sidecar — no lyrics. A file that
 * cannot be read, is larger than {@link #MAX_BYTES}, or holds no text gives nothing (logged at debug).
 */
@Component(service = LyricsProvider.class, configurationPid = LyricsConfig.PID,
    property = "service.ranking:Integer=" + SidecarLyricsProvider.RANKING)
public final class SidecarLyricsProvider implements LyricsProvider {

    public static final String SOURCE = "sidecar";
    public static final int RANKING = 200;

    /** The largest sidecar read: real LRC files are a few KiB, ELRC with word timings tens. */
    public static final int MAX_BYTES = 1 << 20;

    /** The extensions read, lower case, most preferred first (word timings, then line timings, then plain). */
    private static final List<String> EXTENSIONS = List.of("elrc", "lrc", "txt");

    private static final Logger LOG = LoggerFactory.getLogger(SidecarLyricsProvider.class);

    private final Catalog catalog;
    private volatile boolean enabled;

    @Activate
    public SidecarLyricsProvider(@Reference(name = "catalog") Catalog catalog, LyricsConfig config) {
        this.catalog = catalog;
        modified(config);
    }

    @Modified
    void modified(LyricsConfig config) {
        enabled = config.sidecarEnabled();
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public List<Lyrics> lyrics(TrackInfo track) {
        if (!enabled) {
            return List.of();
        }
        return catalog.file(track.id()).stream()
            .flatMap(audio -> sidecars(audio).stream())
            .map(SidecarLyricsProvider::read)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    }

    /** The sidecar files of {@code audio}, most preferred first; none when its folder cannot be listed. */
    static List<Path> sidecars(Path audio) {
        Path folder = audio.toAbsolutePath().getParent();
        String name = audio.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot + 1) : name + ".";
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                entry -> extension(base, entry.getFileName().toString()).isPresent())) {
            entries.forEach(found::add);
        } catch (IOException | SecurityException e) {
            LOG.debug("No sidecar lyrics for {}: its folder cannot be listed ({})", audio, e.toString());
            return List.of();
        }
        found.sort(Comparator.comparingInt((Path p) -> EXTENSIONS.indexOf(extension(base, p.getFileName().toString())
            .orElseThrow())).thenComparing(Path::toString));
        return found;
    }

    /** The lower-case sidecar extension of {@code fileName} when it is {@code base} + one we read. */
    private static Optional<String> extension(String base, String fileName) {
        if (!fileName.startsWith(base)) {
            return Optional.empty();
        }
        String extension = fileName.substring(base.length()).toLowerCase(Locale.ROOT);
        return EXTENSIONS.contains(extension) ? Optional.of(extension) : Optional.empty();
    }

    private static Optional<Lyrics> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty(); // a folder named Song.lrc
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException | SecurityException e) {
            LOG.debug("Sidecar lyrics {} not read: {}", file, e.toString());
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            LOG.debug("Sidecar lyrics {} not read: larger than {} bytes", file, MAX_BYTES);
            return Optional.empty();
        }
        ParsedLyrics parsed = LyricsFormats.parseFile(file.getFileName().toString(), bytes);
        if (!parsed.warnings().isEmpty() || parsed.ignoredLines() > 0) {
            LOG.debug("Sidecar lyrics {}: {} line(s) ignored {}", file, parsed.ignoredLines(), parsed.warnings());
        }
        return parsed.hasText() ? Optional.of(parsed.lyrics()) : Optional.empty();
    }
}
