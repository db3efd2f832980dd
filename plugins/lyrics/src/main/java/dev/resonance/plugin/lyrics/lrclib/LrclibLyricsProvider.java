package dev.resonance.plugin.lyrics.lrclib;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.api.lyrics.LyricsProvider;
import dev.resonance.api.net.PluginHttp;
import dev.resonance.api.storage.KeyValueStore;
import dev.resonance.plugin.lyrics.LyricsConfig;
import dev.resonance.plugin.lyrics.PluginVersion;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lyrics from an LRCLIB-compatible server ({@code lrclibUrl}, default https://lrclib.net), asked only when enabled
 * ({@code lrclibEnabled}, off by default: it sends the track's artist, title, album and duration to a third party)
 * and, being the lowest-ranked source, only when no local source had lyrics.
 *
 * <p>One lookup: the cached answer when there is one (found: {@code cacheDays}; not found: {@link #NOT_FOUND_TTL});
 * otherwise, within {@code requestsPerMinute} (beyond it: no lyrics at once, see {@link RequestBudget}), one
 * {@code GET /api/get} bounded by {@link #REQUEST_TIMEOUT}. Synced lyrics are preferred to plain ones; an instrumental
 * record is no lyrics (see {@link Answer}). A failure — network, timeout, 5xx, garbage, a host the plugin may not
 * reach — is no lyrics, is not cached, and is logged once per outage ({@link OutageLog}).
 *
 * <p><b>The server's host.</b> {@code PluginHttp} lets the plugin reach only the hosts its descriptor declares
 * ({@code lrclib.net}). A self-hosted LRCLIB at another host is refused until the admin allows that host for the
 * plugin; until then each lookup gives no lyrics and the refusal is logged as an outage.
 */
@Component(service = LyricsProvider.class, configurationPid = LyricsConfig.PID,
    property = "service.ranking:Integer=" + LrclibLyricsProvider.RANKING)
public final class LrclibLyricsProvider implements LyricsProvider {

    public static final String SOURCE = "lrclib";
    public static final int RANKING = 100;

    /** One request's limit: under the core's plugin-call timeout (5 s by default), so a slow LRCLIB is ours to see. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);

    /** How long "LRCLIB does not know this track" is believed: new records are added every day. */
    static final Duration NOT_FOUND_TTL = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(LrclibLyricsProvider.class);

    /** The configuration as this component uses it; replaced whole on a change. */
    private record Settings(boolean enabled, Optional<URI> server, Duration foundTtl) {
    }

    private final LrclibClient client;
    private final AnswerCache cache;
    private final RequestBudget budget;
    private final OutageLog outage = new OutageLog();
    private volatile Settings settings;

    @Activate
    public LrclibLyricsProvider(@Reference(name = "http") PluginHttp http,
                                @Reference(name = "store") KeyValueStore store, LyricsConfig config) {
        this(http, store, config, Clock.systemUTC(), REQUEST_TIMEOUT);
    }

    LrclibLyricsProvider(PluginHttp http, KeyValueStore store, LyricsConfig config, Clock clock, Duration timeout) {
        client = new LrclibClient(http, PluginVersion.userAgent(), timeout);
        cache = new AnswerCache(store);
        budget = new RequestBudget(config.requestsPerMinute(), clock);
        modified(config);
    }

    /** A new configuration, in place: the cache and the requests made this minute are kept. */
    @Modified
    void modified(LyricsConfig config) {
        Optional<URI> server = server(config.lrclibUrl());
        if (config.lrclibEnabled() && server.isEmpty()) {
            LOG.warn("LRCLIB lookups are off: lrclibUrl '{}' is not an http(s) URL", config.lrclibUrl());
        }
        budget.limit(config.requestsPerMinute());
        settings = new Settings(config.lrclibEnabled(), server, Duration.ofDays(config.cacheDays()));
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public List<Lyrics> lyrics(TrackInfo track) throws InterruptedException {
        Settings now = settings;
        Optional<LookupKey> key = LookupKey.of(track);
        if (!now.enabled() || now.server().isEmpty() || key.isEmpty()) {
            return List.of();
        }
        URI server = now.server().get();
        String cacheKey = key.get().cacheKey(server);
        Optional<Answer> cached = cache.get(cacheKey);
        if (cached.isPresent()) {
            return cached.get().lyrics();
        }
        if (!budget.tryAcquire()) {
            LOG.debug("Track {}: LRCLIB not asked, this minute's requests are used up (requestsPerMinute)", track.id());
            return List.of();
        }
        Answer answer;
        try {
            answer = client.get(server, key.get());
        } catch (IOException | ResonanceException e) {
            outage.failed(server.toString(), e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            return List.of();
        }
        outage.answered(server.toString());
        cache.put(cacheKey, answer, answer.found() ? now.foundTtl() : NOT_FOUND_TTL);
        return answer.lyrics();
    }

    OutageLog outage() {
        return outage;
    }

    /** The configured base URL when it is an absolute http(s) URL with a host. */
    static Optional<URI> server(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            boolean web = "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
            return web && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null
                ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
