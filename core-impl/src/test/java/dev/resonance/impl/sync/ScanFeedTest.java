package dev.resonance.impl.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Library scan progress reaches the sockets of users who may browse the catalog, as {@code library.scan} frames. */
class ScanFeedTest {

    private final ApiHarness api = new ApiHarness();
    private final SyncHub hub = PlaybackAcrossNodesTest.hub(api, api.sync.sync(), Clock.systemUTC());

    @AfterEach
    void stop() {
        hub.close();
        api.close();
    }

    @Test
    void aScanIsFollowedLiveByListenersOnly() throws Exception {
        api.createUser("ada", "password-123", "regular");
        api.createUser("bob", "password-123", "regular");
        String ada = api.accessToken("ada", "password-123", "web");
        String bob = api.accessToken("bob", "password-123", "web");
        Caller bobCaller = api.auth.authenticate(bob).orElseThrow();
        api.auth.revoke(bobCaller.userId(), Permission.ACCESS_CATALOG, Optional.empty());
        PlaybackAcrossNodesTest.SentFrames adaFrames = new PlaybackAcrossNodesTest.SentFrames();
        PlaybackAcrossNodesTest.SentFrames bobFrames = new PlaybackAcrossNodesTest.SentFrames();
        hub.open(adaFrames, Optional.of(ada));
        hub.open(bobFrames, Optional.of(bob));
        adaFrames.next("connected");
        bobFrames.next("connected");
        for (int t = 1; t <= 3; t++) {
            PropertiesTagReader.write(api.musicRoot.resolve("Artist/Album/" + t + ".mp3"), "title", "Song " + t, "artist", "Artist",
                    "album", "Album", "track", Integer.toString(t));
        }

        try (AutoCloseable feed = api.library.onProgress(new ScanFeed(hub))) {
            api.scanMusic();
            JsonNode scan = adaFrames.next("library.scan").path("scan");
            while (!scan.path("state").asText().equals("done")) {
                scan = adaFrames.next("library.scan").path("scan");
            }
            assertThat(scan.path("processed").asInt()).isEqualTo(3);
            assertThat(scan.path("added").asInt()).isEqualTo(3);
            assertThat(scan.path("errors").asInt()).isZero();
            assertThat(scan.has("finishedAt")).isTrue();
            assertThat(scan.has("problems")).as("paths stay behind the REST endpoint").isFalse();
        }
        JsonNode toBob = bobFrames.sent.poll(500, TimeUnit.MILLISECONDS);
        while (toBob != null && !toBob.path("type").asText().equals("library.scan")) {
            toBob = bobFrames.sent.poll(100, TimeUnit.MILLISECONDS);
        }
        assertThat(toBob).as("a user who may not browse the catalog is not told about scans").isNull();
    }
}
