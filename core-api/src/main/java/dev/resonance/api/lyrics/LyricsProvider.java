package dev.resonance.api.lyrics;

import dev.resonance.api.library.TrackInfo;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of lyrics, implemented by plugins and registered as an OSGi service under this interface.
 *
 * <p><b>How the core calls it.</b> When a client asks for a track's lyrics, the core asks the registered providers
 * one after the other in service-ranking order (higher first; {@code service.ranking}) and answers with the first
 * non-empty result, labelled with its {@link #source()}. So a local source (embedded tags, sidecar files) registers
 * with a higher ranking than an online one, which is then only asked when nothing local exists. Each call runs on
 * the core's plugin-call threads (never a request or streaming thread) and may take at most the plugin call timeout
 * (5 s by default, {@code callTimeout} of PID {@code resonance.core.plugins}).
 *
 * <p><b>What happens when it fails.</b> A provider that throws, runs past the timeout, or is unregistered mid-call is
 * treated as having no lyrics: the client still gets the next providers' answer (200), the failure is logged once
 * per plugin and cause, and the plugin's state in the plugin manager shows it. A call past the timeout is interrupted;
 * its result is dropped.
 *
 * <p><b>Threading.</b> Calls for different tracks (and for the same track) may run at the same time: implementations
 * must be thread-safe. Implementations should honour interruption (blocking I/O through the core's
 * {@code dev.resonance.api.net.PluginHttp} does).
 */
@ConsumerType
public interface LyricsProvider {

    /**
     * A short, stable label for where these lyrics come from ({@code "embedded"}, {@code "sidecar"}, {@code "lrclib"}),
     * shown to users next to the lyrics.
     */
    String source();

    /**
     * The lyrics this provider has for {@code track}; empty when it has none. Several entries are allowed (languages,
     * translations, synced and unsynced).
     *
     * @throws Exception any failure; the core degrades to "no lyrics from this provider" (see above)
     */
    List<Lyrics> lyrics(TrackInfo track) throws Exception;
}
