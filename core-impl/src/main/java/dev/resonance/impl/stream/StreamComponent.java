package dev.resonance.impl.stream;

import dev.resonance.api.db.Database;
import dev.resonance.impl.auth.AccessPolicy;
import dev.resonance.impl.auth.AuthService;
import dev.resonance.impl.auth.RateLimiter;
import dev.resonance.impl.db.ServerSecrets;
import dev.resonance.impl.http.JerseyServlets;
import dev.resonance.impl.stream.transcode.FfmpegLocator;
import dev.resonance.impl.stream.transcode.TranscodeCache;
import dev.resonance.impl.stream.transcode.Transcoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.resonance.impl.http.HttpRoute;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@code /stream/*} once accounts and the database are up, with the transcoder (ffmpeg found by
 * {@link FfmpegLocator}, limits, cache under the data directory), and publishes {@link StreamServices} for the REST
 * API (decision, signed URLs, device settings). Plugins come and go without touching it.
 */
@Component(immediate = true, service = {}, configurationPid = StreamConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StreamConfig.class)
public final class StreamComponent {

    private static final Logger LOG = LoggerFactory.getLogger(StreamComponent.class);

    /** {@code server_settings} key of the signed-URL key. */
    static final String URL_KEY_SETTING = "stream_url_key";

    private final ServiceRegistration<HttpRoute> registration;
    private final ServiceRegistration<StreamServices> services;
    private final Transcoder transcoder;
    private final CompletableFuture<Path> ffmpeg;

    @Activate
    public StreamComponent(BundleContext context, @Reference AuthService auth, @Reference AccessPolicy access, @Reference Database db,
                           @Reference MeterRegistry metrics, StreamConfig config) {
        Path data = FfmpegLocator.dataDirectory();
        // extracting and checking the 77 MB binary takes a moment: off the activation path, so the API is up at once
        ffmpeg = new CompletableFuture<>();
        Thread locate = new Thread(() -> {
            try {
                ffmpeg.complete(FfmpegLocator.embedded().locate(config.ffmpegPath(), data));
            } catch (RuntimeException e) {
                LOG.error("No ffmpeg: transcoding is off ({})", e.getMessage());
                ffmpeg.completeExceptionally(e);
            }
        }, "resonance-ffmpeg-locator");
        locate.setDaemon(true);
        locate.start();
        Optional<TranscodeCache> cache = config.transcodeCacheMb() > 0
                ? Optional.of(new TranscodeCache(data.resolve("transcodes"), config.transcodeCacheMb() * 1024L * 1024L, metrics))
                : Optional.empty();
        int maxTranscodes = maxTranscodes(config.maxTranscodes(), Runtime.getRuntime().availableProcessors());
        transcoder = new Transcoder(this::ffmpeg, new Transcoder.Settings(maxTranscodes, config.maxTranscodesPerUser(),
                config.runAheadSeconds(), config.pacingSpeed(), config.opusComplexity()), cache, metrics);
        UrlSigner signer = new UrlSigner(ServerSecrets.stored(db, URL_KEY_SETTING, 32), Duration.ofMinutes(config.signedUrlMinutes()),
                Clock.systemUTC());
        StreamServices stream = StreamServices.over(db, signer, auth::sessionCaller);
        services = context.registerService(StreamServices.class, stream, new Hashtable<>());
        registration = JerseyServlets.route(context, "resonance-stream", "/stream",
                new StreamServlet(auth::authenticate, stream.files(), transcoder, stream.policy(), new RateLimiter(access.perMinute()),
                        metrics));
        LOG.info("Streaming ready: at most {} transcodes ({} per user), cache {} MiB", maxTranscodes,
                config.maxTranscodesPerUser(), config.transcodeCacheMb());
    }

    /** The configured node limit, or (0) 20 per core: what a core sustains in realtime opus (docs/benchmarks.md). */
    static int maxTranscodes(int configured, int cores) {
        return configured > 0 ? configured : 20 * Math.max(1, cores);
    }

    private Path ffmpeg() {
        try {
            return ffmpeg.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamException(503, "transcoding_unavailable", "Transcoding is starting; try again shortly", Optional.of(5));
        } catch (ExecutionException | TimeoutException e) {
            throw new StreamException(503, "transcoding_unavailable", "Transcoding is not available on this server (no ffmpeg)",
                    Optional.of(60));
        }
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        services.unregister();
        transcoder.close();
    }
}
