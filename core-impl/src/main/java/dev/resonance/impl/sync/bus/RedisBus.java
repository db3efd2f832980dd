package dev.resonance.impl.sync.bus;

import dev.resonance.api.health.HealthCheck;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync bus of a node among several: every message is delivered to this node's listeners at once (an internal
 * {@link LocalBus}, never waiting for Redis) and PUBLISHed asynchronously on {@code resonance:user:{userId}};
 * each node SUBSCRIBEs the channels of the users it holds sockets for, on one dedicated pub/sub connection, and
 * hands what other nodes published to its local listeners on the {@code resonance-bus-in} thread.
 *
 * <p>Redis is never needed for local delivery and never the source of truth: while it is unreachable (at start or
 * later) cross-node copies are dropped (counted, one WARN per half minute) and healed by the clients' catch-up from
 * PostgreSQL; Lettuce reconnects by itself and {@link RedisChannels} restores every wanted subscription. Lettuce
 * rejects commands while disconnected and bounds its queue, so an outage cannot grow the heap.
 */
public final class RedisBus implements SyncBus {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBus.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Duration RECONCILE_EVERY = Duration.ofSeconds(1);
    /** Buckets of {@code resonance_sync_bus_lag_seconds}. */
    private static final Duration[] LAG_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5)};

    /** How to reach Redis and how much to hold in memory. */
    public record Settings(RedisURI uri, int requestQueueSize, int deliveryQueueSize, Duration timeout) {
        public Settings {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** The defaults of {@link RedisConfig} for {@code url}. */
        public static Settings of(String url) {
            return new Settings(RedisURI.create(url), 10_000, 10_000, Duration.ofSeconds(2));
        }
    }

    private final String nodeId = UUID.randomUUID().toString();
    private final LocalBus local = new LocalBus();
    private final Settings settings;
    private final String where;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisChannels channels;
    private final ScheduledExecutorService maintenance;
    private final ThreadPoolExecutor inbound;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedWhenWarned = new AtomicLong();
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final AtomicBoolean connectionLost = new AtomicBoolean();

    private final MeterRegistry metrics;
    private final List<Meter> meters = new ArrayList<>();
    private final Timer lag;

    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile String problem = "connecting";
    private volatile boolean closed;

    /** Without metrics (tests). */
    public RedisBus(Settings settings) {
        this(settings, new SimpleMeterRegistry());
    }

    /**
     * Starts connecting in the background and returns at once; publishing works (locally) from the start. Measured in
     * {@code metrics}: {@code resonance_sync_bus_messages_total} by outcome (published, received, dropped) and
     * {@code resonance_sync_bus_lag_seconds}, from another node's PUBLISH to this node taking the message.
     */
    public RedisBus(Settings settings, MeterRegistry metrics) {
        this.settings = settings;
        this.metrics = metrics;
        meters.add(messages("published", published));
        meters.add(messages("received", received));
        meters.add(messages("dropped", dropped));
        this.lag = Timer.builder("resonance.sync.bus.lag")
                .description("Time from another node publishing a sync message on Redis to this node receiving it"
                        + " (includes the difference between the nodes' clocks)")
                .serviceLevelObjectives(LAG_BUCKETS).register(metrics);
        this.where = RedisUrls.redact(settings.uri());
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, settings.uri());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(settings.requestQueueSize())
                .socketOptions(SocketOptions.builder().connectTimeout(settings.timeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .build());
        this.channels = new RedisChannels(new RedisChannels.Commands() {
            @Override
            public void subscribe(List<String> names) {
                pubSubCommand(names, true);
            }

            @Override
            public void unsubscribe(List<String> names) {
                pubSubCommand(names, false);
            }
        });
        this.maintenance = Executors.newSingleThreadScheduledExecutor(daemon("resonance-bus-redis"));
        this.inbound = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.deliveryQueueSize()), daemon("resonance-bus-in"),
                (task, executor) -> drop("the incoming delivery queue is full"));
        maintenance.execute(this::connect);
        maintenance.scheduleWithFixedDelay(this::reconcile, RECONCILE_EVERY.toMillis(), RECONCILE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private FunctionCounter messages(String outcome, AtomicLong count) {
        return FunctionCounter.builder("resonance.sync.bus.messages", count, AtomicLong::get)
                .description("Sync messages this node handed to Redis, received from other nodes, or dropped (Redis away)")
                .tag("outcome", outcome).register(metrics);
    }

    /** This node's id on the wire (random per start). */
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void publish(BusMessage message) {
        local.deliver(message);
        StatefulRedisConnection<String, String> connection = publisher;
        if (connection == null || closed) {
            drop("not connected to Redis");
            return;
        }
        try {
            connection.async().publish(RedisChannels.channelOf(message.userId()), BusCodec.encode(message, nodeId, Instant.now()))
                    .whenComplete((receivers, error) -> {
                        if (error != null) {
                            drop(error.getMessage());
                        } else {
                            published.incrementAndGet();
                        }
                    });
        } catch (RuntimeException e) { // Lettuce reports rejections through the future; this is belt and braces
            drop(e.toString());
        }
    }

    @Override
    public Subscription subscribe(long userId, Consumer<BusMessage> listener) {
        String channel = RedisChannels.channelOf(userId);
        Subscription localSubscription = local.subscribe(userId, listener);
        channels.acquire(channel);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                localSubscription.close();
                channels.release(channel);
            }
        };
    }

    /** The pub/sub channel of {@code userId}'s messages. */
    public static String channelOf(long userId) {
        return RedisChannels.channelOf(userId);
    }

    /** Whether both connections to Redis are up right now. */
    public boolean connected() {
        StatefulRedisConnection<String, String> pub = publisher;
        StatefulRedisPubSubConnection<String, String> sub = subscriber;
        return !closed && pub != null && pub.isOpen() && sub != null && sub.isOpen();
    }

    /** Messages handed to Redis, received from other nodes, and cross-node copies dropped, since the start. */
    public record Counts(long published, long received, long dropped) {
    }

    public Counts counts() {
        return new Counts(published.get(), received.get(), dropped.get());
    }

    /** For {@code /health}: cheap, no I/O. */
    public HealthCheck health() {
        if (connected()) {
            return HealthCheck.up("Redis at " + where + ", " + channels.wantedCount() + " user channel(s), "
                    + dropped.get() + " cross-node message(s) dropped since start");
        }
        return HealthCheck.down("cannot reach REDIS_URL " + where + " (" + problem + "): cross-node sync is paused, "
                + "this node still delivers locally; reconnecting");
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            if (publisher == null) {
                publisher = client.connect(StringCodec.UTF8);
            }
            if (subscriber == null) {
                StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub(StringCodec.UTF8);
                connection.addListener(new Inbound());
                connection.addListener(new ConnectionState());
                subscriber = connection;
            }
            warmUp();
            LOG.info("Redis connected at {}: sync messages fan out to the other nodes (node {})", where, nodeId);
            problem = "connected";
            channels.reconcile();
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            String cause = RedisUrls.scrub(rootMessage(e), settings.uri());
            if (!cause.equals(problem)) {
                LOG.warn("Cannot reach REDIS_URL {}: {} (cross-node sync paused, local delivery continues; retrying)",
                        where, cause);
            }
            problem = cause;
            maintenance.schedule(this::connect, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs the publish path once (JSON codec, Lettuce's PUBLISH) on a channel nobody listens to, so the first real
     * message does not pay for class loading and serializer set-up (seconds on a busy machine).
     */
    private void warmUp() {
        String payload = BusCodec.encode(new BusMessage(0, nodeId, null, null, "{}"), nodeId, Instant.now());
        BusCodec.decode(payload);
        publisher.async().publish("resonance:warmup", payload);
    }

    private void reconcile() {
        StatefulRedisPubSubConnection<String, String> connection = subscriber;
        if (connection != null && connection.isOpen()) {
            channels.reconcile();
        }
    }

    private void pubSubCommand(List<String> names, boolean subscribe) {
        StatefulRedisPubSubConnection<String, String> connection = subscriber;
        if (connection == null || !connection.isOpen() || closed) {
            return; // reconcile() catches up once connected
        }
        try {
            String[] array = names.toArray(String[]::new);
            (subscribe ? connection.async().subscribe(array) : connection.async().unsubscribe(array))
                    .whenComplete((ok, error) -> {
                        if (error != null) {
                            LOG.debug("{} {} failed: {}", subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE", names, error.toString());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.debug("{} {} failed: {}", subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE", names, e.toString());
        }
    }

    private void drop(String why) {
        long total = dropped.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarnNanos.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarnNanos.compareAndSet(last, now)) {
            long since = total - droppedWhenWarned.getAndSet(total);
            LOG.warn("Redis fan-out dropped {} message(s) since the last warning ({}); this node still delivers locally, "
                    + "other nodes' clients catch up from the event log", since, RedisUrls.scrub(why, settings.uri()));
        }
    }

    /** Messages from Redis: other nodes' go to the local listeners on the inbound thread; our own are skipped. */
    private final class Inbound extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String channel, String payload) {
            inbound.execute(() -> BusCodec.decode(payload).ifPresent(wire -> {
                if (!wire.node().equals(nodeId) && !wire.message().originNode().equals(nodeId)) {
                    received.incrementAndGet();
                    // another node's clock: a small skew can make it negative, which says "no lag to speak of"
                    wire.publishedAt().ifPresent(at -> lag.record(Math.max(0, Duration.between(at, Instant.now()).toNanos()),
                            TimeUnit.NANOSECONDS));
                    local.deliver(wire.message());
                }
            }));
        }

        @Override
        public void subscribed(String channel, long count) {
            channels.subscribed(channel);
        }

        @Override
        public void unsubscribed(String channel, long count) {
            channels.unsubscribed(channel);
        }
    }

    /** Logs the pub/sub connection's losses and recoveries once each, and drops the confirmed subscriptions. */
    private final class ConnectionState implements RedisConnectionStateListener {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            channels.disconnected();
            if (!closed && connectionLost.compareAndSet(false, true)) {
                problem = "connection lost";
                LOG.warn("Lost the connection to Redis at {}: cross-node sync paused, local delivery continues; reconnecting",
                        where);
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
            if (connectionLost.compareAndSet(true, false)) {
                problem = "connected";
                LOG.info("Reconnected to Redis at {}: cross-node sync resumes", where);
                maintenance.execute(RedisBus.this::reconcile);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        meters.forEach(metrics::remove);
        maintenance.shutdownNow();
        inbound.shutdownNow();
        try {
            client.shutdown(Duration.ZERO, settings.timeout());
        } catch (RuntimeException e) {
            LOG.debug("Redis client shutdown: {}", e.toString());
        }
        try {
            resources.shutdown(0, settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .await(settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        local.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
