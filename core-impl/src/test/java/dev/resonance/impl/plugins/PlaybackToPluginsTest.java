package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.plugin.PluginDescriptor;
import dev.resonance.api.playback.NowPlayingListener;
import dev.resonance.api.playback.PlaybackEvent;
import dev.resonance.api.playback.Scrobble;
import dev.resonance.api.playback.Scrobbler;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.sync.PlaybackAcrossNodesTest;
import dev.resonance.impl.sync.PlaybackFeed;
import dev.resonance.impl.sync.SyncHub;
import dev.resonance.impl.sync.SyncSession;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * End to end: a device reports its playback over the real sync socket service, and a plugin installed in the harness's
 * OSGi framework gets the events and the listen through the plugin platform, as on a server.
 */
class PlaybackToPluginsTest {

    private ApiHarness api;
    private SyncHub hub;
    private PlaybackFeed feed;

    @BeforeEach
    void start() {
        api = new ApiHarness();
        feed = new PlaybackFeed();
        feed.add(api.plugins.platform().playback());
        hub = PlaybackAcrossNodesTest.hub(api, api.sync.sync(), api.clock, feed);
    }

    @AfterEach
    void stop() {
        hub.close();
        api.close();
    }

    /** Installs plugin {@code id} (asking for user-data) in the harness's framework and enables it. */
    private Bundle plugin(String id) throws Exception {
        byte[] jar = PluginWorld.plugin(id, "1.0.0", PluginWorld.descriptor(id, "[1.1,2)",
                "{\"user-data\": {\"reason\": \"scrobble what you play\"}}", List.of("NowPlayingListener", "Scrobbler")),
            Map.of(Constants.IMPORT_PACKAGE, "dev.resonance.api.playback;version=\"[1.0,2)\""));
        Bundle bundle = api.plugins.felix().getBundleContext().installBundle("test:" + id, new ByteArrayInputStream(jar));
        assertThat(bundle.getHeaders().get(PluginDescriptor.HEADER)).isEqualTo(id);
        api.plugins.platform().manager().enable(id, Optional.empty());
        return bundle;
    }

    @Test
    void aDevicesPlaybackReachesNowPlayingListenersAndScrobblersOfAPlugin() throws Exception {
        PropertiesTagReader.write(api.musicRoot.resolve("A/B/1.mp3"), "title", "One", "artist", "A", "album", "B",
            "track", "1", "duration", "200000");
        PropertiesTagReader.write(api.musicRoot.resolve("A/B/2.mp3"), "title", "Two", "artist", "A", "album", "B",
            "track", "2", "duration", "180000");
        api.scanMusic();
        api.createUser("ada", "password-123", "regular");
        String token = api.accessToken("ada", "password-123", "speaker");
        Map<String, Long> ids = new HashMap<>();
        api.get("v1/content/tracks", token).json().path("items").forEach(t -> ids.put(t.path("title").asText(), t.path("id").asLong()));

        Bundle bundle = plugin("listenbrainz");
        List<PlaybackEvent> events = new CopyOnWriteArrayList<>();
        List<Scrobble> scrobbles = new CopyOnWriteArrayList<>();
        NowPlayingListener listener = events::add;
        Scrobbler scrobbler = PlaybackNotifierTest.scrobbler("listenbrainz", scrobbles::add);
        PlaybackNotifier notifier = api.plugins.platform().playback();
        notifier.addListener(bundle.getBundleContext().registerService(NowPlayingListener.class, listener, null).getReference(), listener);
        notifier.addScrobbler(bundle.getBundleContext().registerService(Scrobbler.class, scrobbler, null).getReference(), scrobbler);

        PlaybackAcrossNodesTest.SentFrames frames = new PlaybackAcrossNodesTest.SentFrames();
        SyncSession speaker = hub.open(frames, Optional.of(token));
        frames.next("connected");
        speaker.onText("{\"type\":\"playback.state\",\"id\":1,\"trackId\":" + ids.get("One") + ",\"positionMs\":0,\"playing\":true}");
        frames.next("ack");
        api.clock.advance(Duration.ofSeconds(199)); // a second of crossfade
        speaker.onText("{\"type\":\"playback.state\",\"id\":2,\"trackId\":" + ids.get("Two") + ",\"positionMs\":0,\"playing\":true}");
        frames.next("ack");
        api.clock.advance(Duration.ofSeconds(20));
        speaker.onText("{\"type\":\"playback.state\",\"id\":3,\"trackId\":" + ids.get("One") + ",\"positionMs\":0,\"playing\":true}");
        frames.next("ack");

        PlaybackNotifierTest.await("5 events", () -> events.size() == 5);
        assertThat(events).extracting(e -> e.kind() + " " + e.track().title()).containsExactly("STARTED One", "FINISHED One",
            "STARTED Two", "SKIPPED Two", "STARTED One");
        PlaybackEvent finished = events.get(1);
        assertThat(finished.username()).isEqualTo("ada");
        assertThat(finished.deviceName()).isEqualTo("Test speaker");
        assertThat(finished.startedAt()).isEqualTo(events.get(0).startedAt());
        assertThat(finished.playedMs()).isBetween(199_000L, 200_000L);
        assertThat(events.get(3).playedMs()).as("20 s of Two: skipped, no listen").isBetween(20_000L, 21_000L);

        PlaybackNotifierTest.await("the listen", () -> scrobbles.size() == 1);
        Scrobble listen = scrobbles.get(0);
        assertThat(listen.track().title()).isEqualTo("One");
        assertThat(listen.track().durationMs()).isEqualTo(200_000);
        assertThat(listen.startedAt()).isEqualTo(events.get(0).startedAt());
        Thread.sleep(200);
        assertThat(scrobbles).as("Two was not heard long enough").hasSize(1);
    }
}
