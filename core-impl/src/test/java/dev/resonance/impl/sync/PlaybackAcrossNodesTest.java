package dev.resonance.impl.sync;

import dev.resonance.impl.events.EventLog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.sync.bus.BusMessage;
import dev.resonance.impl.sync.bus.LocalBus;
import dev.resonance.impl.sync.bus.SyncBus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connect playback between devices attached to two different nodes: each node has its own {@link SyncService},
 * {@link PlaybackService}, {@link SyncHub} and {@link SyncBus}; they share only the database and the bus fan-out.
 * {@link #busFor(int)} is the seam the cross-node Redis test overrides (one Redis-backed bus per node).
 */
public class PlaybackAcrossNodesTest {

    /** Two in-process buses joined the way Redis pub/sub joins nodes: a publish reaches every node's subscribers. */
    static final class Cluster {
        final List<LocalBus> nodes = new CopyOnWriteArrayList<>();

        SyncBus node() {
            LocalBus local = new LocalBus();
            nodes.add(local);
            return new SyncBus() {
                @Override
                public void publish(BusMessage message) {
                    nodes.forEach(n -> n.deliver(message));
                }

                @Override
                public Subscription subscribe(long userId, Consumer<BusMessage> listener) {
                    return local.subscribe(userId, listener);
                }

                @Override
                public void close() {
                    local.close();
                }
            };
        }
    }

    /** A socket's transport that keeps what was sent. */
    public static final class SentFrames implements SyncSession.Transport {
        final BlockingQueue<JsonNode> sent = new LinkedBlockingQueue<>();
        volatile int closedWith;

        @Override
        public void send(String text, Consumer<Throwable> done) {
            sent.add(EventLog.tree(text));
            done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        /** Fails if a frame of {@code type} arrives within {@code wait}. */
        void none(String type, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            JsonNode frame;
            while ((frame = sent.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (frame.path("type").asText().equals(type)) {
                    throw new AssertionError("unexpected " + type + " frame: " + frame);
                }
            }
        }

        public JsonNode next(String type) throws InterruptedException {
            while (true) {
                JsonNode frame = sent.poll(5, TimeUnit.SECONDS);
                if (frame == null) {
                    throw new AssertionError("no " + type + " frame");
                }
                if (frame.path("type").asText().equals(type)) {
                    return frame;
                }
            }
        }
    }

    /** One node: its own services and hub over the shared database, and the feed of what is played through it. */
    record Node(SyncService sync, SyncHub hub, SyncBus bus, PlaybackFeed played) {
    }

    private final Cluster cluster = new Cluster();
    ApiHarness api;
    Node node1;
    Node node2;

    protected SyncBus busFor(int node) {
        return cluster.node();
    }

    /** Called once sockets of {@code userId} are open on both nodes: a fan-out with set-up latency waits here. */
    protected void joined(long userId) throws Exception {
    }

    Node node(int index) {
        Clock clock = api.clock; // both nodes share the test's clock: time passes when the test says so
        SyncBus bus = busFor(index);
        SyncService sync = new SyncService(api.db, bus, "node-" + index, clock);
        PlaybackFeed played = new PlaybackFeed();
        return new Node(sync, hub(api, sync, clock, played), bus, played);
    }

    /** A node's socket hub over {@code sync}, with the default limits. */
    static SyncHub hub(ApiHarness api, SyncService sync, Clock clock) {
        return hub(api, sync, clock, new PlaybackFeed());
    }

    /** A node's socket hub over {@code sync}, with the default limits, telling {@code played} what is played. */
    public static SyncHub hub(ApiHarness api, SyncService sync, Clock clock, PlaybackFeed played) {
        return new SyncHub(api.auth::authenticate, api.db, sync, new PlaybackService(api.db, sync, clock, played),
                new SyncHub.Limits(65536, 50, 256, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120), 5), clock);
    }

    @BeforeEach
    void start() {
        api = new ApiHarness();
        node1 = node(1);
        node2 = node(2);
    }

    @AfterEach
    void stop() {
        node1.hub().close();
        node2.hub().close();
        node1.bus().close();
        node2.bus().close();
        api.close();
    }

    static String send(SyncSession session, String json) {
        session.onText(json);
        return json;
    }

    /** A track in the catalog (playback.state refuses a track id the user cannot see). */
    long someTrack(String token) throws Exception {
        dev.resonance.impl.library.scan.PropertiesTagReader.write(api.musicRoot.resolve("A/B/1.mp3"), "title", "One", "artist", "A", "album", "B");
        api.scanMusic();
        return api.get("v1/content/tracks", token).json().at("/items/0/id").asLong();
    }

    @Test
    void playbackMovesToADeviceOnAnotherNodeAtTheRightPosition() throws Exception {
        api.createUser("ada", "password-123", "regular");
        String speakerToken = api.accessToken("ada", "password-123", "speaker");
        String phoneToken = api.accessToken("ada", "password-123", "phone");
        long speakerId = api.get("v1/auth/session", speakerToken).json().path("deviceId").asLong();
        long phoneId = api.get("v1/auth/session", phoneToken).json().path("deviceId").asLong();

        SentFrames speaker = new SentFrames();
        SentFrames phone = new SentFrames();
        SyncSession onNode1 = node1.hub().open(speaker, Optional.of(speakerToken));
        SyncSession onNode2 = node2.hub().open(phone, Optional.of(phoneToken));
        long userId = speaker.next("connected").path("userId").asLong();
        phone.next("connected");
        joined(userId);

        send(onNode1, "{\"type\":\"device.announce\",\"capabilities\":{\"playback\":true,\"volume\":true}}");
        speaker.next("ack");
        JsonNode devices = phone.next("devices");
        while (!devices.toString().contains("\"playback\":true")) {
            devices = phone.next("devices"); // the speaker's coming online may cross the bus first
        }

        // the speaker (node 1) plays a track of a queue, 30 s in
        long track = someTrack(speakerToken);
        send(onNode1, "{\"type\":\"playback.state\",\"id\":1,\"trackId\":" + track + ",\"positionMs\":30000,\"playing\":true,\"volume\":70,"
                + "\"queue\":[11,12,13],\"queueIndex\":1,\"queueVersion\":0}");
        JsonNode ack = speaker.next("ack");
        assertThat(ack.at("/state/queueVersion").asLong()).isEqualTo(1);
        JsonNode seen = phone.next("playback.state");
        assertThat(seen.at("/state/activeDeviceId").asLong()).isEqualTo(speakerId);
        assertThat(seen.at("/state/trackId").asLong()).isEqualTo(track);
        assertThat(seen.has("serverTime")).isTrue();

        // the phone, on node 2, sends a remote command to the speaker on node 1
        send(onNode2, "{\"type\":\"playback.command\",\"id\":2,\"command\":\"volume\",\"volume\":40}");
        assertThat(phone.next("ack").path("target").asLong()).isEqualTo(speakerId);
        JsonNode command = speaker.next("playback.command");
        assertThat(command.path("command").asText()).isEqualTo("volume");
        assertThat(command.path("volume").asInt()).isEqualTo(40);
        assertThat(command.path("from").asLong()).isEqualTo(phoneId);

        // a queue edit based on a stale version is refused
        send(onNode2, "{\"type\":\"playback.command\",\"id\":3,\"command\":\"setQueue\",\"queue\":[5],\"queueVersion\":0}");
        JsonNode stale = phone.next("error");
        assertThat(stale.path("code").asText()).isEqualTo("stale_queue_version");
        assertThat(stale.path("id").asInt()).isEqualTo(3);

        // a device that is not active cannot report state
        send(onNode2, "{\"type\":\"playback.state\",\"positionMs\":1}");
        assertThat(phone.next("error").path("code").asText()).isEqualTo("not_active_device");

        api.clock.advance(Duration.ofMillis(300)); // playback goes on meanwhile
        // the phone takes over: node 2 knows nothing in memory of what node 1 was told, the position comes from PostgreSQL
        send(onNode2, "{\"type\":\"playback.transfer\",\"id\":4,\"target\":" + phoneId + ",\"play\":true}");
        JsonNode transferred = phone.next("ack");
        assertThat(transferred.at("/state/activeDeviceId").asLong()).isEqualTo(phoneId);
        assertThat(transferred.at("/state/trackId").asLong()).isEqualTo(track);
        assertThat(transferred.at("/state/positionMs").asLong()).isBetween(30_300L, 40_000L);
        assertThat(transferred.at("/state/queue").toString()).isEqualTo("[11,12,13]");
        JsonNode told = speaker.next("playback.state");
        assertThat(told.path("reason").asText()).isEqualTo("transfer");
        assertThat(told.at("/state/activeDeviceId").asLong()).as("the speaker learns it is no longer active").isEqualTo(phoneId);

        // now the phone is the active device and may set the queue with the current version
        send(onNode2, "{\"type\":\"playback.command\",\"id\":5,\"target\":" + phoneId + ",\"command\":\"setQueue\",\"queue\":[7,8],"
                + "\"queueIndex\":0,\"queueVersion\":1}");
        assertThat(phone.next("ack").at("/state/queueVersion").asLong()).isEqualTo(2);
        assertThat(speaker.next("playback.state").at("/state/queue").toString()).isEqualTo("[7,8]");

        JsonNode snapshot = api.get("v1/sync/state", speakerToken).json();
        assertThat(snapshot.at("/playback/activeDeviceId").asLong()).isEqualTo(phoneId);
        assertThat(snapshot.at("/playback/queueVersion").asLong()).isEqualTo(2);
        assertThat(snapshot.path("devices").toString()).contains("\"online\":true", "\"active\":true");

        onNode1.close(SyncSession.NORMAL, "bye");
        onNode2.close(SyncSession.NORMAL, "bye");
        JsonNode after = api.get("v1/sync/state", speakerToken).json();
        assertThat(after.path("devices").toString()).doesNotContain("\"online\":true");
    }

    @Test
    void aPlayStartedThroughOneNodeEndsAndCountsAsOneListenThroughTheOther() throws Exception {
        api.createUser("ada", "password-123", "regular");
        String speakerToken = api.accessToken("ada", "password-123", "speaker");
        String phoneToken = api.accessToken("ada", "password-123", "phone");
        long speakerId = api.get("v1/auth/session", speakerToken).json().path("deviceId").asLong();
        long phoneId = api.get("v1/auth/session", phoneToken).json().path("deviceId").asLong();
        List<PlayNotice> onNode1 = new CopyOnWriteArrayList<>();
        List<PlayNotice> onNode2 = new CopyOnWriteArrayList<>();
        node1.played().add(onNode1::addAll);
        node2.played().add(onNode2::addAll);
        dev.resonance.impl.library.scan.PropertiesTagReader.write(api.musicRoot.resolve("A/B/1.mp3"), "title", "One", "artist", "A",
                "album", "B", "track", "1", "duration", "200000");
        dev.resonance.impl.library.scan.PropertiesTagReader.write(api.musicRoot.resolve("A/B/2.mp3"), "title", "Two", "artist", "A",
                "album", "B", "track", "2", "duration", "180000");
        api.scanMusic();
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        api.get("v1/content/tracks", speakerToken).json().path("items").forEach(t -> ids.put(t.path("title").asText(), t.path("id").asLong()));
        long one = ids.get("One");
        long two = ids.get("Two");

        SentFrames speaker = new SentFrames();
        SentFrames phone = new SentFrames();
        SyncSession onSpeaker = node1.hub().open(speaker, Optional.of(speakerToken));
        SyncSession onPhone = node2.hub().open(phone, Optional.of(phoneToken));
        speaker.next("connected");
        phone.next("connected");

        send(onSpeaker, "{\"type\":\"playback.state\",\"id\":1,\"trackId\":" + one + ",\"positionMs\":0,\"playing\":true}");
        speaker.next("ack");
        api.clock.advance(Duration.ofSeconds(150));
        send(onPhone, "{\"type\":\"playback.transfer\",\"id\":2,\"target\":" + phoneId + ",\"play\":true}");
        phone.next("ack");
        api.clock.advance(Duration.ofSeconds(60));
        send(onPhone, "{\"type\":\"playback.state\",\"id\":3,\"trackId\":" + two + ",\"positionMs\":0,\"playing\":true}");
        phone.next("ack");

        assertThat(onNode1).extracting(PlayNotice::type).containsExactly(PlayTracker.Type.STARTED);
        PlayNotice started = onNode1.get(0);
        assertThat(started.deviceId()).isEqualTo(speakerId);
        assertThat(started.deviceName()).isEqualTo("Test speaker");
        assertThat(started.username()).isEqualTo("ada");
        assertThat(onNode2).as("node 2 knew nothing in memory of the play: it came from PostgreSQL")
                .extracting(PlayNotice::type).containsExactly(PlayTracker.Type.PROGRESSED, PlayTracker.Type.QUALIFIED,
                        PlayTracker.Type.FINISHED, PlayTracker.Type.STARTED);
        assertThat(onNode2.get(1).playedMs()).as("half the track heard when the phone took over: a listen, once")
                .isBetween(150_000L, 151_000L);
        PlayNotice finished = onNode2.get(2);
        assertThat(finished.trackId()).isEqualTo(one);
        assertThat(finished.deviceName()).isEqualTo("Test phone");
        assertThat(finished.startedAt()).isEqualTo(started.startedAt());
        assertThat(finished.playedMs()).isEqualTo(200_000);
        assertThat(onNode2.get(3).trackId()).isEqualTo(two);
    }

    @Test
    void otherDevicesHearOfADeviceOnlyWhenItComesOnlineOrGoesOffline() throws Exception {
        api.createUser("ada", "password-123", "regular");
        String watcherToken = api.accessToken("ada", "password-123", "watcher");
        String tvToken = api.accessToken("ada", "password-123", "tv");
        String phoneToken = api.accessToken("ada", "password-123", "phone");
        long phoneId = api.get("v1/auth/session", phoneToken).json().path("deviceId").asLong();
        SentFrames watcher = new SentFrames();
        node1.hub().open(watcher, Optional.of(watcherToken));
        long userId = watcher.next("connected").path("userId").asLong();
        SentFrames tv = new SentFrames();
        node2.hub().open(tv, Optional.of(tvToken));
        tv.next("connected");
        joined(userId);
        long tvId = api.get("v1/auth/session", tvToken).json().path("deviceId").asLong();
        while (!online(watcher.next("devices"), tvId)) {
            // the tv's arrival may still be crossing the bus (Redis delivers asynchronously): wait for it
        }
        watcher.sent.clear();

        SentFrames phone1 = new SentFrames();
        SyncSession first = node2.hub().open(phone1, Optional.of(phoneToken));
        phone1.next("connected");
        assertThat(online(watcher.next("devices"), phoneId)).as("the phone came online").isTrue();

        SentFrames phone2 = new SentFrames();
        SyncSession second = node2.hub().open(phone2, Optional.of(phoneToken));
        phone2.next("connected");
        second.close(SyncSession.NORMAL, "bye");
        watcher.none("devices", Duration.ofSeconds(1));

        first.close(SyncSession.NORMAL, "bye");
        assertThat(online(watcher.next("devices"), phoneId)).as("the phone went offline").isFalse();
    }

    private static boolean online(JsonNode devicesFrame, long deviceId) {
        for (JsonNode device : devicesFrame.path("devices")) {
            if (device.path("id").asLong() == deviceId) {
                return device.path("online").asBoolean();
            }
        }
        throw new AssertionError("device " + deviceId + " is not listed in " + devicesFrame);
    }

    @Test
    void commandsForADeviceOfAnotherUserAreRefused() throws Exception {
        api.createUser("ada", "password-123", "regular");
        api.createUser("eve", "password-123", "regular");
        String ada = api.accessToken("ada", "password-123", "phone");
        String eve = api.accessToken("eve", "password-123", "laptop");
        long adaDevice = api.get("v1/auth/session", ada).json().path("deviceId").asLong();
        SentFrames eveFrames = new SentFrames();
        SyncSession eveSession = node2.hub().open(eveFrames, Optional.of(eve));
        eveFrames.next("connected");
        send(eveSession, "{\"type\":\"playback.transfer\",\"target\":" + adaDevice + "}");
        assertThat(eveFrames.next("error").path("code").asText()).isEqualTo("not_found");
        send(eveSession, "{\"type\":\"playback.command\",\"command\":\"pause\",\"target\":" + adaDevice + "}");
        assertThat(eveFrames.next("error").path("code").asText()).isEqualTo("not_found");
        send(eveSession, "{\"type\":\"playback.command\",\"command\":\"pause\"}");
        assertThat(eveFrames.next("error").path("code").asText()).isEqualTo("no_active_device");
    }
}
