package dev.resonance.impl.sync;

import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.playlists.PlaylistSummaries;
import dev.resonance.impl.playlists.PlaylistViews;
import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.events.EventLog;
import dev.resonance.impl.input.PageLimit;
import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.sync.bus.BusMessage;
import dev.resonance.impl.sync.bus.SyncBus;
import java.sql.Connection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync side of one node: pushes committed events on the {@link SyncBus}, answers catch-up from the log and
 * builds the full snapshot. Holds no per-user state: everything it answers comes from PostgreSQL, so any node can
 * serve any device.
 */
public final class SyncService implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);


    /** {@code GET /api/v1/sync/events}: the missed events, the current sequence and whether more follow. */
    public record Events(List<UserEvent> events, long currentSeq, boolean hasMore) {
    }

    /** The answer to catch-up: either the events, or "your cursor is too old (or unknown): take the snapshot". */
    public sealed interface CatchUp permits Missed, SnapshotRequired {
    }

    public record Missed(Events events) implements CatchUp {
    }

    public record SnapshotRequired(long since, long prunedThrough, long currentSeq) implements CatchUp {
    }

    /** {@code GET /api/v1/sync/state}: everything a client needs to start over, as of {@code seq}. */
    public record Snapshot(long seq, Instant serverTime, Map<String, List<Long>> likes,
                           Map<String, List<RatingsService.Rating>> ratings, List<PlaylistViews.Summary> playlists,
                           Map<String, JsonNode> settings, List<String> permissions, List<Playback.DeviceView> devices,
                           Playback.State playback) {
    }

    private final Database db;
    private final SyncBus bus;
    private final String nodeId;
    private final Clock clock;
    private final Counter appended;
    private final List<EventPublisher> followers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SyncService(Database db, SyncBus bus, String nodeId, Clock clock) {
        this(db, bus, nodeId, clock, new SimpleMeterRegistry());
    }

    /** Counts the events committed on this node in {@code resonance_sync_events_appended_total} of {@code metrics}. */
    public SyncService(Database db, SyncBus bus, String nodeId, Clock clock, MeterRegistry metrics) {
        this.db = db;
        this.bus = bus;
        this.nodeId = nodeId;
        this.clock = clock;
        this.appended = Counter.builder("resonance.sync.events.appended")
                .description("Events appended to users' sync logs (committed) on this node").register(metrics);
    }

    public String nodeId() {
        return nodeId;
    }

    public SyncBus bus() {
        return bus;
    }

    /**
     * {@code follower} is told every event committed on this node, after its commit, on the committing thread (it must
     * return at once and not throw: the plugin platform queues what plugins are to be told). Sync knows nothing of
     * who follows.
     */
    public void follow(EventPublisher follower) {
        followers.add(follower);
    }

    public void unfollow(EventPublisher follower) {
        followers.remove(follower);
    }

    @Override
    public void published(long userId, UserEvent event) {
        appended.increment(); // every committed append comes through here, pushed or not
        try {
            bus.publish(new BusMessage(userId, nodeId, event.sourceDevice(), null, Frames.event(event)));
        } catch (RuntimeException e) {
            // the event is committed; clients heal by catch-up
            LOG.warn("Event {} of user {} was not pushed: {}", event.seq(), userId, e.toString());
        }
        for (EventPublisher follower : followers) {
            try {
                follower.published(userId, event);
            } catch (RuntimeException e) {
                LOG.warn("A follower of event {} of user {} failed: {}", event.seq(), userId, e.toString());
            }
        }
    }


    /** The events after {@code since}; a cursor older than the retained log, or newer than the log, needs the snapshot. */
    public CatchUp catchUp(Caller caller, long since, PageLimit limit) {
        if (since < 0) {
            throw ResonanceException.invalid("invalid_field", "since must be 0 or a seq this server gave out");
        }
        int size = limit.value();
        EventLog.Page page = db.inTransaction(c -> EventLog.since(c, caller.userId(), since, size));
        if (since < page.prunedThrough() || since > page.currentSeq()) {
            return new SnapshotRequired(since, page.prunedThrough(), page.currentSeq());
        }
        return new Missed(new Events(page.events(), page.currentSeq(), page.hasMore()));
    }

    public long currentSeq(long userId) {
        return db.inTransaction(c -> EventLog.currentSeq(c, userId));
    }

    /** The full state, read in one repeatable-read transaction so it is exactly the state after event {@code seq}. */
    public Snapshot snapshot(Caller caller) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) {
                ps.execute();
            }
            long seq = EventLog.currentSeq(c, caller.userId());
            Map<String, List<Long>> likes = new LinkedHashMap<>();
            LikesService.allIds(c, caller.userId()).forEach((kind, ids) -> likes.put(kind.apiName() + "s", ids));
            Map<String, List<RatingsService.Rating>> ratings = new LinkedHashMap<>();
            RatingsService.all(c, caller.userId()).forEach((kind, rated) -> ratings.put(kind.apiName() + "s", rated));
            List<String> permissions = caller.permissions().stream().map(Permission::apiName).sorted().toList();
            Instant now = clock.instant();
            return new Snapshot(seq, now, likes, ratings, PlaylistSummaries.ofMember(c, caller), SettingsService.current(c, caller.userId()), permissions,
                    Playback.devices(c, caller.userId(), now), Playback.state(c, caller.userId()));
        });
    }

    /** Deletes events older than {@code retention}; returns how many. */
    public int prune(Duration retention) {
        int deleted = db.inTransaction(c -> EventLog.prune(c, clock.instant().minus(retention)));
        if (deleted > 0) {
            LOG.info("Pruned {} sync events older than {} days", deleted, retention.toDays());
        }
        return deleted;
    }

    /** Publishes a sync message that is not a log event (playback, presence) to the user's devices. */
    public void push(long userId, Optional<Long> sourceDevice, Optional<Long> targetDevice, String frame) {
        try {
            bus.publish(new BusMessage(userId, nodeId, sourceDevice.orElse(null), targetDevice.orElse(null), frame));
        } catch (RuntimeException e) {
            LOG.warn("A sync message of user {} was not pushed: {}", userId, e.toString());
        }
    }
}
