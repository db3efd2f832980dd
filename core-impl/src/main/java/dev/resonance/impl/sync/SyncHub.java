package dev.resonance.impl.sync;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.impl.auth.AuthService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync sockets of one node: opens {@link SyncSession}s, closes those that do not authenticate in time,
 * re-validates every session periodically (a revoked session, disabled user or expired token closes its socket)
 * and keeps the presence of connected devices fresh in PostgreSQL. One scheduler thread, stopped by {@link #close()}.
 */
public final class SyncHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncHub.class);

    /** What one open socket costs at most in heap, measured (bench/sync: ~13–17 KiB), with room to spare. */
    static final long HEAP_PER_SOCKET = 24 * 1024;
    /** The heap the rest of the server needs (live set after boot ~55 MiB), kept out of the sockets' share. */
    static final long HEAP_RESERVED = 96L * 1024 * 1024;

    /** Per-socket limits and the node's socket cap (see {@link SyncConfig}). */
    public record Limits(int maxMessageBytes, int messagesPerSecond, int sendQueue, Duration authTimeout, Duration recheck,
                         Duration idleTimeout, int maxStrikes, int maxSockets) {

        /** Limits without a socket cap (tests). */
        public Limits(int maxMessageBytes, int messagesPerSecond, int sendQueue, Duration authTimeout, Duration recheck,
                      Duration idleTimeout, int maxStrikes) {
            this(maxMessageBytes, messagesPerSecond, sendQueue, authTimeout, recheck, idleTimeout, maxStrikes, Integer.MAX_VALUE);
        }

        public static Limits of(SyncConfig config) {
            return new Limits(config.maxMessageBytes(), config.messagesPerSecond(), config.sendQueue(),
                    Duration.ofSeconds(config.authTimeoutSeconds()), Duration.ofSeconds(config.recheckSeconds()),
                    Duration.ofSeconds(config.idleTimeoutSeconds()), 5,
                    config.maxSockets() > 0 ? config.maxSockets() : socketsFor(Runtime.getRuntime().maxMemory()));
        }

        /** How many sockets a heap of {@code maxHeap} bytes holds without running out of memory (at least 100). */
        static int socketsFor(long maxHeap) {
            return (int) Math.max(100, Math.min(Integer.MAX_VALUE, (maxHeap - HEAP_RESERVED) / HEAP_PER_SOCKET));
        }

        /** How often clients should ping: well inside the idle timeout. */
        public long heartbeatSeconds() {
            return Math.max(1, idleTimeout.toSeconds() / 4);
        }
    }

    /** How the hub checks access tokens: one (a socket's {@code auth} message) or all of a node's sockets at once. */
    public interface Auth extends Authenticator {
        /** {@link #authenticate} for each token, in order; one at a time unless the implementation batches. */
        default List<Optional<Caller>> authenticateAll(List<String> tokens) {
            return tokens.stream().map(this::authenticate).toList();
        }

        /** The accounts' own checks: the periodic recheck reads all sockets' sessions in a query per thousand. */
        static Auth of(AuthService auth) {
            return new Auth() {
                @Override
                public Optional<Caller> authenticate(String token) {
                    return auth.authenticate(token);
                }

                @Override
                public List<Optional<Caller>> authenticateAll(List<String> tokens) {
                    return auth.authenticateAll(tokens);
                }
            };
        }
    }

    private final Auth authenticator;
    private final SyncService sync;
    private final PlaybackService playback;
    private final Database db;
    private volatile Limits limits;
    private final Clock clock;
    private final Set<SyncSession> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry metrics;
    private final Gauge open;
    private final Counter fannedOut;

    /** Without metrics (tests). */
    public SyncHub(Auth authenticator, Database db, SyncService sync, PlaybackService playback, Limits limits, Clock clock) {
        this(authenticator, db, sync, playback, limits, clock, new SimpleMeterRegistry());
    }

    /**
     * Measured in {@code metrics}: {@code resonance_sync_sockets_open} and {@code resonance_sync_fanout_messages_total}
     * (messages from the bus queued to a socket of this node), until {@link #close()}.
     */
    public SyncHub(Auth authenticator, Database db, SyncService sync, PlaybackService playback, Limits limits, Clock clock,
                   MeterRegistry metrics) {
        this.metrics = metrics;
        this.open = Gauge.builder("resonance.sync.sockets.open", this, SyncHub::size).description("Sync WebSockets open on this node")
                .strongReference(true).register(metrics);
        this.fannedOut = Counter.builder("resonance.sync.fanout.messages")
                .description("Sync messages (events, playback, presence) from the bus queued to a socket of this node").register(metrics);
        this.authenticator = authenticator;
        this.db = db;
        this.sync = sync;
        this.playback = playback;
        this.limits = limits;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "resonance-sync-hub");
            thread.setDaemon(true);
            return thread;
        });
        long period = limits.recheck().toMillis();
        scheduler.scheduleWithFixedDelay(this::recheckAll, period, period, TimeUnit.MILLISECONDS);
    }

    /** A socket opened; {@code token} if the client passed {@code ?access_token=}, else it must send {@code auth}. */
    public SyncSession open(SyncSession.Transport transport, Optional<String> token) {
        SyncSession session = new SyncSession(this, transport);
        if (sessions.size() >= limits.maxSockets()) {
            // a full node refuses rather than running out of heap; the client retries (later, or on another node)
            session.close(SyncSession.TRY_AGAIN_LATER, "this node holds its maximum number of sockets");
            return session;
        }
        sessions.add(session);
        if (token.isPresent()) {
            try {
                session.authenticate(token.get(), null);
            } catch (RuntimeException e) {
                session.couldNotAuthenticate(e);
            }
        } else {
            scheduler.schedule(() -> {
                if (session.caller().isEmpty()) {
                    session.close(SyncSession.UNAUTHENTICATED, "authentication timeout");
                }
            }, limits.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        return session;
    }

    /** Sends {@code frame} to every authenticated socket on this node whose caller passes {@code to}. */
    public void broadcast(String frame, java.util.function.Predicate<Caller> to) {
        for (SyncSession session : sessions) {
            session.caller().filter(to).ifPresent(c -> session.push(frame));
        }
    }

    /** Open sessions on this node. */
    public int size() {
        return sessions.size();
    }

    void forget(SyncSession session) {
        sessions.remove(session);
    }

    /** A bus message went to one of this node's sockets. */
    void fannedOut() {
        fannedOut.increment();
    }

    void recheckSoon(SyncSession session) {
        if (!scheduler.isShutdown()) {
            scheduler.execute(session::recheck);
        }
    }

    /** Re-validates every session and refreshes the presence of the devices connected here. */
    void recheckAll() {
        try {
            List<SyncSession> checked = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (SyncSession session : sessions) {
                session.tokenToRecheck().ifPresent(token -> {
                    checked.add(session);
                    tokens.add(token);
                });
            }
            // every socket's session in one query per thousand, not one each
            List<Optional<Caller>> found = authenticator.authenticateAll(tokens);
            for (int i = 0; i < checked.size(); i++) {
                checked.get(i).rechecked(tokens.get(i), found.get(i));
            }
            List<Long> devices = sessions.stream().map(SyncSession::caller).flatMap(Optional::stream)
                    .map(Caller::deviceId).distinct().toList();
            db.inTransaction(c -> {
                Playback.touch(c, devices);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Checking sync sockets failed: {}", e.toString());
        }
    }

    Auth authenticator() {
        return authenticator;
    }

    SyncService sync() {
        return sync;
    }

    PlaybackService playback() {
        return playback;
    }

    /**
     * New limits (a configuration change): frame size, message rate, strikes and socket count apply to every socket
     * from its next message; the socket-level limits Jetty enforces (idle timeout, hard frame cap) and the recheck
     * period apply to sockets the next time sync starts.
     */
    public void update(Limits next) {
        limits = next;
    }

    Limits limits() {
        return limits;
    }

    Clock clock() {
        return clock;
    }

    /** Closes every socket ("going away": clients reconnect, to this node or another) and stops the scheduler. */
    @Override
    public void close() {
        metrics.remove(open);
        scheduler.shutdownNow();
        for (SyncSession session : List.copyOf(sessions)) {
            session.close(SyncSession.GOING_AWAY, "server shutting down");
        }
    }
}
