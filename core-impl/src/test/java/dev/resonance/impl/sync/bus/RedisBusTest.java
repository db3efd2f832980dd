package dev.resonance.impl.sync.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.resonance.api.health.HealthCheck;
import dev.resonance.testing.Await;
import dev.resonance.testing.RedisServer;
import dev.resonance.testing.RedisProbe;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two {@link RedisBus}es are two nodes; a private redis-server that the tests kill and restart. */
class RedisBusTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private RedisServer redis;
    private final List<RedisBus> buses = new ArrayList<>();

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopEverything() {
        buses.forEach(RedisBus::close);
        redis.close();
    }

    private RedisBus node() {
        return node(new SimpleMeterRegistry());
    }

    private RedisBus node(MeterRegistry metrics) {
        RedisBus bus = new RedisBus(new RedisBus.Settings(RedisURI.create(redis.url()), 1_000, 1_000, Duration.ofSeconds(1)), metrics);
        buses.add(bus);
        return bus;
    }

    private RedisBus connectedNode() {
        return connectedNode(new SimpleMeterRegistry());
    }

    private RedisBus connectedNode(MeterRegistry metrics) {
        RedisBus bus = node(metrics);
        Await.until("node connects", bus::connected);
        return bus;
    }

    /** Subscribers of {@code userId}'s channel as Redis counts them (every node's pub/sub connection counts once). */
    private long subscribersOf(long userId) {
        try {
            return RedisProbe.subscribers(redis.port(), RedisChannels.channelOf(userId));
        } catch (RuntimeException e) {
            return -1; // Redis is (re)starting
        }
    }

    /** A new inbox listening to {@code userId} on {@code bus}. */
    private static Inbox listen(RedisBus bus, long userId) {
        Inbox inbox = new Inbox();
        bus.subscribe(userId, inbox::accept);
        return inbox;
    }

    /** Collects what a listener receives. */
    private static final class Inbox {
        final LinkedBlockingQueue<BusMessage> messages = new LinkedBlockingQueue<>();

        void accept(BusMessage message) {
            messages.add(message);
        }

        BusMessage next() throws InterruptedException {
            BusMessage message = messages.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(message).as("a message arrives in time").isNotNull();
            return message;
        }

        /** Republishes {@code message} from {@code from} until this inbox gets something (subscriptions being restored). */
        BusMessage nextWhileRepublishing(RedisBus from, BusMessage message) throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                from.publish(message);
                BusMessage got = messages.poll(100, TimeUnit.MILLISECONDS);
                if (got != null) {
                    return got;
                }
            }
            throw new AssertionError("no cross-node message within " + DEADLINE);
        }
    }

    @Test
    void aMessageReachesTheOtherNodeOnceWithEveryFieldAndTheOriginNodeOnlyLocally() throws Exception {
        RedisBus a = connectedNode();
        RedisBus b = connectedNode();
        Inbox onA = listen(a, 7);
        Inbox onB = listen(b, 7);
        Inbox otherUserOnB = listen(b, 8);
        Await.until("both nodes subscribed user 7", () -> subscribersOf(7) == 2);

        BusMessage play = new BusMessage(7, a.nodeId(), 3L, 5L, "{\"type\":\"command\",\"command\":\"play\"}");
        a.publish(play);

        assertThat(onA.messages.poll()).as("the origin node delivers synchronously").isEqualTo(play);
        assertThat(onB.next()).as("source and target devices survive Redis").isEqualTo(play);

        // A marker from B reaches A after Redis has already handed A its own copy of `play`: if A delivered its
        // own message again, it would be in A's inbox before the marker.
        BusMessage marker = new BusMessage(7, b.nodeId(), null, null, "{\"marker\":true}");
        b.publish(marker);
        assertThat(onA.next()).isEqualTo(marker);
        assertThat(onA.messages).isEmpty();
        assertThat(onB.messages.poll()).as("B delivered its own marker locally").isEqualTo(marker);
        assertThat(onB.messages).as("and not a second time from Redis").isEmpty();
        assertThat(otherUserOnB.messages).as("user 8 gets nothing of user 7").isEmpty();
        assertThat(a.counts().received()).isEqualTo(1);
        assertThat(b.counts().received()).isEqualTo(1);
    }

    @Test
    void theReceivingNodeMeasuresTheLagAndEveryNodeCountsItsMessages() throws Exception {
        MeterRegistry metricsOfA = new SimpleMeterRegistry();
        MeterRegistry metricsOfB = new SimpleMeterRegistry();
        RedisBus a = connectedNode(metricsOfA);
        RedisBus b = connectedNode(metricsOfB);
        Inbox onB = listen(b, 7);
        Await.until("B subscribed user 7", () -> subscribersOf(7) == 1);

        a.publish(new BusMessage(7, a.nodeId(), null, null, "{\"type\":\"event\"}"));
        onB.next();

        Await.until("B measured the lag", () -> metricsOfB.get("resonance.sync.bus.lag").timer().count() == 1);
        assertThat(metricsOfB.get("resonance.sync.bus.lag").timer().max(TimeUnit.SECONDS)).isLessThan(DEADLINE.toSeconds());
        Await.until("A counted its publish", () -> metricsOfA.get("resonance.sync.bus.messages").tag("outcome", "published")
                .functionCounter().count() == 1);
        assertThat(metricsOfB.get("resonance.sync.bus.messages").tag("outcome", "received").functionCounter().count()).isEqualTo(1);
        assertThat(metricsOfA.get("resonance.sync.bus.lag").timer().count()).as("A does not receive its own").isZero();

        a.close();
        assertThat(metricsOfA.find("resonance.sync.bus.messages").functionCounters()).as("a closed bus takes its meters").isEmpty();
    }

    @Test
    void aNodesOwnMessageIsSkippedWhateverOriginTheCallerWrote() throws Exception {
        RedisBus a = connectedNode();
        RedisBus b = connectedNode();
        Inbox onA = listen(a, 7);
        b.subscribe(7, m -> { });
        Await.until("both nodes subscribed", () -> subscribersOf(7) == 2);

        a.publish(new BusMessage(7, "some-other-name", null, null, "{\"n\":1}"));
        b.publish(new BusMessage(7, b.nodeId(), null, null, "{\"n\":2}"));

        assertThat(onA.next().json()).isEqualTo("{\"n\":1}");
        assertThat(onA.next().json()).isEqualTo("{\"n\":2}");
        assertThat(onA.messages).isEmpty();
    }

    @Test
    void withRedisKilledLocalDeliveryContinuesAndPublishDoesNotBlockThenCrossNodeDeliveryResumes() throws Exception {
        RedisBus a = connectedNode();
        RedisBus b = connectedNode();
        Inbox onA = listen(a, 7);
        Inbox onB = listen(b, 7);
        Await.until("subscribed", () -> subscribersOf(7) == 2);
        assertThat(a.health().isUp()).isTrue();

        redis.kill();
        Await.until("A notices", () -> !a.connected());
        Await.until("B notices", () -> !b.connected());

        int burst = 20_000; // twice Lettuce's request queue and the delivery queue: nothing may pile up
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < burst; i++) {
                a.publish(new BusMessage(7, a.nodeId(), null, null, "{\"i\":" + i + "}"));
            }
        }, "publish must not wait for Redis");
        assertThat(onA.messages).as("every message delivered locally while Redis is down").hasSize(burst);
        Await.until("every cross-node copy counted as dropped", () -> a.counts().dropped() == burst);
        HealthCheck down = a.health();
        assertThat(down.isUp()).isFalse();
        assertThat(down.detail().orElseThrow()).contains("cannot reach REDIS_URL redis://127.0.0.1:" + redis.port())
                .contains("this node still delivers locally");
        assertThat(onB.messages).isEmpty();

        // B gains a listener of user 9 while Redis is down: its SUBSCRIBE cannot reach Redis now
        Inbox nineOnB = listen(b, 9);

        redis.restart();
        onA.messages.clear();
        BusMessage afterOutage = new BusMessage(7, a.nodeId(), null, null, "{\"after\":\"outage\"}");
        assertThat(onB.nextWhileRepublishing(a, afterOutage)).isEqualTo(afterOutage);
        BusMessage forNine = new BusMessage(9, a.nodeId(), null, null, "{\"user\":9}");
        assertThat(nineOnB.nextWhileRepublishing(a, forNine)).as("subscribed while Redis was down").isEqualTo(forNine);
        Await.until("both nodes report Redis UP", () -> a.health().isUp() && b.health().isUp());
    }

    @Test
    void aNodeStartedWhileRedisIsDownWorksLocallyAndJoinsWhenRedisComesBack() throws Exception {
        redis.kill();
        RedisBus late = node();
        Inbox onLate = listen(late, 7);
        BusMessage local = new BusMessage(7, late.nodeId(), null, null, "{\"local\":true}");
        late.publish(local);
        assertThat(onLate.messages.poll()).isEqualTo(local);
        assertThat(late.health().detail().orElseThrow()).contains("cannot reach REDIS_URL");

        redis.restart();
        RedisBus other = connectedNode();
        BusMessage remote = new BusMessage(7, other.nodeId(), null, null, "{\"remote\":true}");
        assertThat(onLate.nextWhileRepublishing(other, remote)).isEqualTo(remote);
        assertThat(late.connected()).isTrue();
    }

    @Test
    void theLastListenerLeavingReleasesTheRedisChannelEvenIfRedisWasDownThen() throws Exception {
        RedisBus a = connectedNode();
        SyncBus.Subscription first = a.subscribe(7, m -> { });
        SyncBus.Subscription second = a.subscribe(7, m -> { });
        Await.until("subscribed", () -> subscribersOf(7) == 1);

        first.close();
        assertThat(subscribersOf(7)).as("one listener is left").isEqualTo(1);
        second.close();
        second.close();
        Await.until("channel released", () -> subscribersOf(7) == 0);

        // Released while Redis is down: Lettuce re-subscribes what Redis had confirmed, the bus undoes it
        a.subscribe(8, m -> { });
        SyncBus.Subscription nine = a.subscribe(9, m -> { });
        Await.until("subscribed 8 and 9", () -> subscribersOf(8) == 1 && subscribersOf(9) == 1);
        redis.kill();
        Await.until("disconnected", () -> !a.connected());
        nine.close();
        redis.restart();
        Await.until("8 is back", () -> subscribersOf(8) == 1);
        Await.until("9 stays released", () -> subscribersOf(9) == 0);
    }

    @Test
    void closeStopsEveryThreadItStarted() {
        RedisBus a = connectedNode();
        a.subscribe(7, m -> { });
        Await.until("subscribed", () -> subscribersOf(7) == 1);

        a.close();
        buses.remove(a);

        Await.until("bus and Lettuce threads gone", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && (t.getName().startsWith("resonance-bus") || t.getName().startsWith("lettuce-"))));
        Await.until("connections closed", () -> subscribersOf(7) == 0);
    }
}
