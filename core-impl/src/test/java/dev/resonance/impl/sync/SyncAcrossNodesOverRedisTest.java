package dev.resonance.impl.sync;

import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.events.EventLog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.impl.sync.bus.RedisBus;
import dev.resonance.impl.sync.bus.SyncBus;
import dev.resonance.testing.RedisProbe;
import dev.resonance.testing.Await;
import dev.resonance.testing.RedisServer;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cross-node tests again, with each node on its own {@link RedisBus} and a real redis-server between them:
 * playback handoff between devices on two nodes (inherited), and events through a Redis outage — local delivery
 * goes on, cross-node delivery resumes when Redis is back, and catch-up from PostgreSQL fills what was lost.
 */
class SyncAcrossNodesOverRedisTest extends PlaybackAcrossNodesTest {

    private static RedisServer redis;
    private final List<RedisBus> buses = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    protected SyncBus busFor(int node) {
        RedisBus bus = new RedisBus(new RedisBus.Settings(RedisURI.create(redis.url()), 1_000, 1_000, Duration.ofSeconds(1)));
        buses.add(bus);
        Await.until("node " + node + " connects to Redis", bus::connected);
        return bus;
    }

    /** Both nodes' subscriptions to the user's channel are confirmed by Redis (SUBSCRIBE is asynchronous). */
    @Override
    protected void joined(long userId) {
        Await.until("both nodes subscribed to user " + userId, () -> subscribers(userId) == 2);
    }

    private static long subscribers(long userId) {
        try {
            return RedisProbe.subscribers(redis.port(), RedisBus.channelOf(userId));
        } catch (RuntimeException restarting) {
            return -1;
        }
    }

    private static long nextEventSeq(SentFrames frames) throws InterruptedException {
        return frames.next("event").at("/event/seq").asLong();
    }

    @Test
    void eventsSurviveARedisOutageThroughCatchUp() throws Exception {
        api.createUser("ada", "password-123", "regular");
        String phoneToken = api.accessToken("ada", "password-123", "phone");
        String laptopToken = api.accessToken("ada", "password-123", "laptop");
        String tabletToken = api.accessToken("ada", "password-123", "tablet");
        Caller phone = api.auth.authenticate(phoneToken).orElseThrow();
        Caller tablet = api.auth.authenticate(tabletToken).orElseThrow();
        SettingsService settingsOnNode1 = new SettingsService(api.db, node1.sync());

        SentFrames laptop = new SentFrames(); // same node as the phone
        SentFrames tabletFrames = new SentFrames(); // the other node
        node1.hub().open(laptop, Optional.of(laptopToken));
        node2.hub().open(tabletFrames, Optional.of(tabletToken));
        laptop.next("connected");
        tabletFrames.next("connected");
        joined(phone.userId());

        // 1. Redis up: the phone's change on node 1 reaches the laptop (node 1) and the tablet (node 2)
        settingsOnNode1.update(phone, EventLog.tree("{\"ui.theme\":\"dark\"}"));
        assertThat(nextEventSeq(laptop)).isEqualTo(1);
        assertThat(nextEventSeq(tabletFrames)).isEqualTo(1);

        // 2. Redis dies: local delivery goes on, the change is committed, the tablet misses it
        redis.kill();
        Await.until("node 1 notices Redis is gone", () -> !buses.get(0).connected());
        settingsOnNode1.update(phone, EventLog.tree("{\"ui.theme\":\"light\"}"));
        assertThat(nextEventSeq(laptop)).as("local delivery without Redis").isEqualTo(2);

        // 3. Redis returns: both nodes reconnect and re-subscribe; cross-node delivery resumes
        redis.restart();
        Await.until("both nodes reconnect", () -> buses.stream().allMatch(RedisBus::connected));
        joined(phone.userId());
        settingsOnNode1.update(phone, EventLog.tree("{\"eq.enabled\":true}"));
        assertThat(nextEventSeq(laptop)).isEqualTo(3);
        long pushed = nextEventSeq(tabletFrames);
        assertThat(pushed).as("the tablet gets the next event, and sees the gap before it").isEqualTo(3);

        // 4. the tablet catches up from PostgreSQL (as the protocol tells it to on a gap): nothing is missing
        SyncService.Missed missed = (SyncService.Missed) node2.sync().catchUp(tablet, 1, dev.resonance.impl.input.PageLimit.of(100));
        List<Long> caughtUp = missed.events().events().stream().map(UserEvent::seq).toList();
        assertThat(caughtUp).containsExactly(2L, 3L);
        assertThat(missed.events().currentSeq()).isEqualTo(3);
        List<Long> applied = new ArrayList<>(List.of(1L));
        caughtUp.stream().filter(seq -> !applied.contains(seq)).forEach(applied::add);
        assertThat(applied).containsExactlyElementsOf(LongStream.rangeClosed(1, 3).boxed().toList());
    }
}
