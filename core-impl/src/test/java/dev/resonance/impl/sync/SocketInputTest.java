package dev.resonance.impl.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a device sends over the sync socket is held to the same rules as REST bodies ({@code InputRules}), and playback
 * may only name tracks the user can see: a refused frame gets an error frame, nothing reaches the other devices, and
 * the socket carries on.
 */
class SocketInputTest {

    private static ApiHarness api;
    private static SyncHub hub;
    private static Path hiddenRoot;
    private static long visibleTrack;
    private static long hiddenTrack;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.createUser("root", "password-123", "admin");
        long ada = api.createUser("ada", "password-123", "regular");
        PropertiesTagReader.write(api.musicRoot.resolve("A/B/1.mp3"), "title", "Seen", "artist", "A", "album", "B");
        hiddenRoot = Files.createTempDirectory("resonance-hidden");
        PropertiesTagReader.write(hiddenRoot.resolve("C/D/1.mp3"), "title", "Unseen", "artist", "C", "album", "D");
        long hiddenLibrary = api.library.ensureLibrary("Hidden", hiddenRoot).id();
        api.scanMusic();
        long music = api.library.libraries().stream().filter(l -> l.id() != hiddenLibrary).findFirst().orElseThrow().id();
        api.library.setAccess(ada, List.of(music));
        String root = api.accessToken("root", "password-123", "console");
        for (JsonNode track : api.get("v1/content/tracks", root).json().path("items")) {
            if (track.path("title").asText().equals("Seen")) {
                visibleTrack = track.path("id").asLong();
            } else {
                hiddenTrack = track.path("id").asLong();
            }
        }
        assertThat(visibleTrack).isPositive();
        assertThat(hiddenTrack).isPositive();
        hub = PlaybackAcrossNodesTest.hub(api, api.sync.sync(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        api.close();
        try (var files = Files.walk(hiddenRoot)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private record Device(PlaybackAcrossNodesTest.SentFrames frames, SyncSession session) {
        /** Sends {@code json} and returns the reply to it (ack or error), skipping pushes (devices, states). */
        JsonNode send(String json) throws InterruptedException {
            session.onText(json);
            while (true) {
                JsonNode frame = frames.sent.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(frame).as("a reply to " + json).isNotNull();
                if (frame.path("type").asText().equals("ack") || frame.path("type").asText().equals("error")) {
                    return frame;
                }
            }
        }
    }

    private static Device open(String deviceId) throws InterruptedException {
        PlaybackAcrossNodesTest.SentFrames frames = new PlaybackAcrossNodesTest.SentFrames();
        SyncSession session = hub.open(frames, Optional.of(api.accessToken("ada", "password-123", deviceId)));
        frames.next("connected");
        return new Device(frames, session);
    }

    @Test
    void controlCharactersAndOversizedTextGetAnErrorFrameNamingTheFieldAndTheSocketCarriesOn() throws Exception {
        Device phone = open("phone-input");
        for (String[] attack : List.of(
                new String[] {"{\"type\":\"device.announce\",\"id\":1,\"capabilities\":{\"codec\":\"opus\\u0000\"}}", "capabilities.codec"},
                new String[] {"{\"type\":\"device.announce\",\"id\":1,\"capabilities\":{\"a\\u0000\":true}}", "capabilities field name"},
                new String[] {"{\"type\":\"device.announce\",\"id\":1,\"capabilities\":{\"name\":\"" + "n".repeat(1500) + "\"}}", "capabilities.name"},
                new String[] {"{\"type\":\"ping\\u0000\",\"id\":1}", "type"})) {
            JsonNode error = phone.send(attack[0]);
            assertThat(error.path("type").asText()).as(attack[0]).isEqualTo("error");
            assertThat(error.path("code").asText()).as(error.toString()).isEqualTo("invalid_field");
            assertThat(error.path("message").asText()).contains(attack[1]);
            assertThat(error.path("id").asInt()).isEqualTo(1);
            phone.session().close(SyncSession.NORMAL, "next"); // strikes add up on one socket: a fresh one per attack
            phone = open("phone-input");
        }
        assertThat(phone.send("{\"type\":\"device.announce\",\"id\":2,\"capabilities\":{\"codec\":\"opus\"}}").path("type").asText())
                .isEqualTo("ack");
        phone.session().close(SyncSession.NORMAL, "bye");
    }

    @Test
    void playbackOfATrackThatDoesNotExistOrIsNotVisibleIsRefusedAndNotFannedOut() throws Exception {
        Device speaker = open("speaker");
        Device watcher = open("watcher");
        try {
            for (long track : new long[] {999_999, hiddenTrack}) {
                JsonNode refused = speaker.send("{\"type\":\"playback.state\",\"id\":3,\"trackId\":" + track + ",\"playing\":true}");
                assertThat(refused.path("type").asText()).as(refused.toString()).isEqualTo("error");
                assertThat(refused.path("code").asText()).isEqualTo("not_found");
                assertThat(refused.path("id").asInt()).isEqualTo(3);
            }
            JsonNode ack = speaker.send("{\"type\":\"playback.state\",\"id\":4,\"trackId\":" + visibleTrack + ",\"playing\":true}");
            assertThat(ack.path("type").asText()).as(ack.toString()).isEqualTo("ack");
            // the bus delivers in order: the first state the watcher hears of is the valid one
            assertThat(watcher.frames().next("playback.state").at("/state/trackId").asLong()).isEqualTo(visibleTrack);
            assertThat(api.get("v1/sync/state", api.accessToken("ada", "password-123", "check")).json().at("/playback/trackId").asLong())
                    .isEqualTo(visibleTrack);
        } finally {
            speaker.session().close(SyncSession.NORMAL, "bye");
            watcher.session().close(SyncSession.NORMAL, "bye");
        }
    }
}
