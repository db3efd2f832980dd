package dev.resonance.impl.stream;

import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.impl.auth.AuthService;
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
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
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

    private final ServiceRegistration<dev.resonance.api.http.HttpEndpoint> registration;
    private final ServiceRegistration<StreamServices> services;
    private final ServiceRegistration<TrackDelivery> delivery;
    private final Transcoder transcoder;
    private final java.util.List<ServiceRegistration<Object>> resources = new java.util.ArrayList<>();
    private final TranscodeCache cache;
    private final UrlSigner signer;
    private final Path data;
    private volatile String ffmpegPath;
    private volatile CompletableFuture<Path> ffmpeg;

    @Activate
    public StreamComponent(BundleContext context, @Reference AuthService auth, @Reference dev.resonance.impl.http.HttpAccess access,
                           @Reference Database db, @Reference MeterRegistry metrics, StreamConfig config) {
        metrics.counter("resonance.component.activations", "component", "stream").increment(); // docs/configuration.md
        data = FfmpegLocator.dataDirectory();
        ffmpegPath = config.ffmpegPath();
        ffmpeg = locate(ffmpegPath, data);
        // always there, so a configuration change can turn it on or off; 0 MiB keeps nothing
        cache = new TranscodeCache(data.resolve("transcodes"), config.transcodeCacheMb() * 1024L * 1024L, metrics);
        transcoder = new Transcoder(this::ffmpeg, settings(config), Optional.of(cache), metrics);
        signer = new UrlSigner(ServerSecrets.stored(db, URL_KEY_SETTING, 32), Duration.ofMinutes(config.signedUrlMinutes()),
                Clock.systemUTC());
        StreamServices stream = StreamServices.over(db, signer, auth::sessionCaller);
        services = context.registerService(StreamServices.class, stream, new Hashtable<>());
        for (Object resource : resources(stream)) {
            resources.add(context.registerService(Object.class, resource, HttpContribution.resource("core.stream")));
        }
        StreamServlet servlet = new StreamServlet(auth::authenticate, stream.files(), transcoder, stream.policy(), access.limiter(), metrics);
        registration = JerseyServlets.route(context, "resonance-stream", "/stream", servlet);
        delivery = context.registerService(TrackDelivery.class, servlet::deliver, new Hashtable<>());
        LOG.info("Streaming ready: at most {} transcodes ({} per user), cache {} MiB", transcoder.settings().maxTotal(),
                config.maxTranscodesPerUser(), config.transcodeCacheMb());
    }

    /**
     * A configuration change, applied in place: transcodes that start from now on get the new limits, pacing and
     * encoder settings (running ones, and their ffmpeg, are not touched); the cache is resized; new signed URLs get
     * the new lifetime; a new ffmpeg path is located and used by the next transcode.
     */
    @Modified
    void modified(StreamConfig config) {
        transcoder.update(settings(config));
        cache.resize(config.transcodeCacheMb() * 1024L * 1024L);
        signer.lifetime(Duration.ofMinutes(config.signedUrlMinutes()));
        if (!config.ffmpegPath().equals(ffmpegPath)) {
            ffmpegPath = config.ffmpegPath();
            ffmpeg = locate(ffmpegPath, data);
        }
        LOG.info("Streaming reconfigured: at most {} transcodes ({} per user), cache {} MiB", transcoder.settings().maxTotal(),
                config.maxTranscodesPerUser(), config.transcodeCacheMb());
    }

    private static Transcoder.Settings settings(StreamConfig config) {
        return new Transcoder.Settings(maxTranscodes(config.maxTranscodes(), Runtime.getRuntime().availableProcessors()),
                config.maxTranscodesPerUser(), config.runAheadSeconds(), config.pacingSpeed(), config.opusComplexity());
    }

    /** Extracting and checking the 77 MB binary takes a moment: off the activation path, so the API is up at once. */
    private static CompletableFuture<Path> locate(String configured, Path data) {
        CompletableFuture<Path> found = new CompletableFuture<>();
        Thread locate = new Thread(() -> {
            try {
                found.complete(FfmpegLocator.embedded().locate(configured, data));
            } catch (RuntimeException e) {
                LOG.error("No ffmpeg: transcoding is off ({})", e.getMessage());
                found.completeExceptionally(e);
            }
        }, "resonance-ffmpeg-locator");
        locate.setDaemon(true);
        locate.start();
        return found;
    }

    /** The REST resources of streaming, contributed to the API (tests serve the same). */
    public static java.util.List<Object> resources(StreamServices stream) {
        return java.util.List.of(new StreamResource(stream), new DeviceStreamingResource(stream));
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
            throw ResonanceException.unavailable("transcoding_unavailable", "Transcoding is starting; try again shortly", Duration.ofSeconds(5));
        } catch (ExecutionException | TimeoutException e) {
            throw ResonanceException.unavailable("transcoding_unavailable", "Transcoding is not available on this server (no ffmpeg)",
                    Duration.ofSeconds(60));
        }
    }

    @Deactivate
    void deactivate() {
        resources.forEach(ServiceRegistration::unregister);
        delivery.unregister();
        registration.unregister();
        services.unregister();
        transcoder.close();
    }
}
