package dev.resonance.impl.stream;

import dev.resonance.api.db.Database;
import dev.resonance.impl.auth.AuthService;
import dev.resonance.impl.db.ServerSecrets;
import dev.resonance.impl.http.JerseyServlets;
import dev.resonance.impl.stream.transcode.FfmpegLocator;
import dev.resonance.impl.stream.transcode.TranscodeCache;
import dev.resonance.impl.stream.transcode.Transcoder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;
import javax.servlet.Servlet;
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

    private final ServiceRegistration<Servlet> registration;
    private final ServiceRegistration<StreamServices> services;
    private final Transcoder transcoder;

    @Activate
    public StreamComponent(BundleContext context, @Reference AuthService auth, @Reference Database db, StreamConfig config) {
        Path data = FfmpegLocator.dataDirectory();
        Path ffmpeg = FfmpegLocator.embedded().locate(config.ffmpegPath(), data);
        Optional<TranscodeCache> cache = config.transcodeCacheMb() > 0
                ? Optional.of(new TranscodeCache(data.resolve("transcodes"), config.transcodeCacheMb() * 1024L * 1024L)) : Optional.empty();
        transcoder = new Transcoder(() -> ffmpeg, new Transcoder.Settings(config.maxTranscodes(), config.maxTranscodesPerUser(),
                config.runAheadSeconds(), config.pacingSpeed()), cache);
        UrlSigner signer = new UrlSigner(ServerSecrets.stored(db, URL_KEY_SETTING, 32), Duration.ofMinutes(config.signedUrlMinutes()),
                Clock.systemUTC());
        StreamServices stream = StreamServices.over(db, signer, auth::sessionCaller);
        services = context.registerService(StreamServices.class, stream, new Hashtable<>());
        registration = JerseyServlets.register(context, "resonance-stream", "/stream/*", 0,
                new StreamServlet(auth::authenticate, stream.files(), transcoder, stream.policy()));
        LOG.info("Streaming ready: ffmpeg {}, at most {} transcodes ({} per user), cache {} MiB", ffmpeg, config.maxTranscodes(),
                config.maxTranscodesPerUser(), config.transcodeCacheMb());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        services.unregister();
        transcoder.close();
    }
}
