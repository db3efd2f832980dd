package dev.resonance.plugin.lyrics.status;

import dev.resonance.api.auth.SignedIn;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.storage.KeyValueStore;
import dev.resonance.plugin.lyrics.LyricsConfig;
import dev.resonance.plugin.lyrics.PluginVersion;
import dev.resonance.plugin.lyrics.embedded.EmbeddedLyricsProvider;
import dev.resonance.plugin.lyrics.lrclib.LrclibLyricsProvider;
import dev.resonance.plugin.lyrics.sidecar.SidecarLyricsProvider;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The plugin's REST resource, served by the core under {@code /api} ({@link HttpContribution#RESOURCE}):
 * {@code GET /api/plugins/lyrics/status} for any signed-in user — which sources are on, where LRCLIB is asked, how much
 * the cache holds. Nothing in it is secret (the sources are the user's to know about; the LRCLIB URL is a public
 * service's).
 *
 * <p>Also the component that designates the shared configuration ({@link LyricsConfig}) for the metatype service, so
 * that the admin's form lists the plugin's settings once.
 */
@Component(service = Object.class, configurationPid = LyricsConfig.PID,
    property = {HttpContribution.RESOURCE + ":Boolean=true", HttpContribution.NAME + "=lyrics"})
@Designate(ocd = LyricsConfig.class)
@Path("plugins/lyrics")
public final class LyricsStatusResource {

    private final KeyValueStore store;
    private final String version = PluginVersion.current();
    private volatile LyricsConfig config;

    @Activate
    public LyricsStatusResource(@Reference(name = "store") KeyValueStore store, LyricsConfig config) {
        this.store = store;
        this.config = config;
    }

    @Modified
    void modified(LyricsConfig next) {
        config = next;
    }

    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    @SignedIn
    public LyricsStatus status() {
        LyricsConfig now = config;
        return new LyricsStatus("lyrics", version,
            List.of(new LyricsStatus.Source(EmbeddedLyricsProvider.SOURCE, EmbeddedLyricsProvider.RANKING,
                    now.embeddedEnabled()),
                new LyricsStatus.Source(SidecarLyricsProvider.SOURCE, SidecarLyricsProvider.RANKING,
                    now.sidecarEnabled()),
                new LyricsStatus.Source(LrclibLyricsProvider.SOURCE, LrclibLyricsProvider.RANKING,
                    now.lrclibEnabled())),
            new LyricsStatus.Lrclib(now.lrclibUrl(), now.requestsPerMinute(), now.cacheDays()),
            new LyricsStatus.Cache(store.usedBytes()));
    }
}
