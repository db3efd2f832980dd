package dev.resonance.impl.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.library.browse.CatalogQueries;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Connect-style playback across devices and nodes. The state lives in PostgreSQL ({@link Playback}); every change
 * happens under the user's row lock, then is pushed on the bus. So a node holds nothing another node would need:
 * a transfer handled by node B starts from the position the active device reported to node A.
 *
 * <p>Every change of the state also moves the user's play on ({@link PlayTracker}, kept in the same row): what it meant
 * (a track started, was paused, finished, became a listen) is handed to the {@link PlaybackFeed} after commit; a play
 * that becomes a listen is recorded in the listening history in the change's transaction ({@link Plays}). The
 * changes of one user on this node are made and handed on one at a time, so the feed sees them in commit order.
 */
public final class PlaybackService {

    /** The longest queue a client may set. */
    public static final int MAX_QUEUE = 10_000;

    private static final String[] COMMANDS = {"play", "pause", "seek", "next", "previous", "volume", "setQueue"};
    /** Locks that order the changes of one user on this node (users share a stripe; a change is a few milliseconds). */
    private static final int STRIPES = 64;

    private final Database db;
    private final SyncService sync;
    private final Clock clock;
    private final PlaybackFeed feed;
    private final Object[] stripes = new Object[STRIPES];

    /** Without listeners to what is played (tests of the protocol). */
    public PlaybackService(Database db, SyncService sync, Clock clock) {
        this(db, sync, clock, new PlaybackFeed());
    }

    public PlaybackService(Database db, SyncService sync, Clock clock, PlaybackFeed feed) {
        this.db = db;
        this.sync = sync;
        this.clock = clock;
        this.feed = feed;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** A state written, and what it meant for the user's play: notices for the feed, listens as events of the user. */
    private record Changed(Playback.State state, List<PlayNotice> notices, List<UserEvent> events) {
    }

    /**
     * A socket of the caller's device opened or closed. When the device came online (its first socket) or went
     * offline (its last), the user's other devices are told; another socket of an online device changes nothing they
     * see, so it sends nothing (a device with many sockets must not cost its user's other sockets a frame each).
     */
    public void connection(Caller caller, boolean open) {
        int sockets = db.inTransaction(c -> Playback.connection(c, caller.userId(), caller.deviceId(), open ? 1 : -1));
        if (open ? sockets == 1 : sockets == 0) {
            pushDevices(caller);
        }
    }

    /** {@code device.announce}: the device says what it can do ({@code capabilities}, a JSON object). */
    public Map<String, Object> announce(Caller caller, JsonNode message) {
        JsonNode capabilities = message.get("capabilities");
        if (capabilities == null || !capabilities.isObject() || capabilities.size() > 32) {
            throw Fields.invalid("capabilities", "must be a JSON object (at most 32 entries)");
        }
        db.inTransaction(c -> {
            Playback.announce(c, caller.userId(), caller.deviceId(), capabilities);
            return null;
        });
        pushDevices(caller);
        return Map.of();
    }

    /**
     * {@code playback.state}: the active device reports what it plays; the first reporter becomes active. A new
     * {@code trackId} must be a track the user can see in the catalog (404 {@code not_found} otherwise); the one
     * already stored was checked when it came, so position reports cost no catalog lookup.
     */
    public Map<String, Object> report(Caller caller, JsonNode message) {
        Optional<List<Long>> queue = Fields.optionalIds(message, "queue", MAX_QUEUE);
        Optional<Long> queueVersion = Fields.optionalLong(message, "queueVersion", 0, Long.MAX_VALUE);
        Changed changed = inOrder(caller.userId(), c -> {
            Playback.Locked locked = Playback.lock(c, caller.userId());
            Playback.State state = locked.state();
            if (state.activeDeviceId().isPresent() && state.activeDeviceId().get() != caller.deviceId()) {
                throw ResonanceException.conflict("not_active_device", "Device " + state.activeDeviceId().get()
                        + " is the active device: send playback.transfer to take over");
            }
            List<Long> newQueue = state.queue();
            long newQueueVersion = state.queueVersion();
            if (queue.isPresent()) {
                requireQueueVersion(state, queueVersion);
                newQueue = queue.get();
                newQueueVersion++;
            }
            int queueIndex = Fields.optionalLong(message, "queueIndex", 0, MAX_QUEUE).map(Long::intValue).orElse(state.queueIndex());
            Optional<Long> trackId = message.has("trackId") ? Fields.optionalLong(message, "trackId", 1, Long.MAX_VALUE) : state.trackId();
            if (trackId.isPresent() && !trackId.equals(state.trackId())
                    && !CatalogQueries.visible(c, caller, CatalogQueries.Item.TRACK, trackId.get())) {
                // what the other devices would be told to show and play must be a track this user can browse
                throw ResonanceException.notFound("No track " + trackId.get());
            }
            return write(c, caller, locked, new Playback.State(Optional.of(caller.deviceId()),
                    trackId,
                    Fields.optionalLong(message, "positionMs", 0, Long.MAX_VALUE).orElse(state.positionMs()),
                    Fields.optionalBoolean(message, "playing").orElse(state.playing()),
                    Fields.optionalLong(message, "volume", 0, 100).map(Long::intValue).orElse(state.volume()),
                    Fields.optionalBoolean(message, "shuffle").orElse(state.shuffle()),
                    Fields.optionalChoice(message, "repeat", "off", "all", "one").orElse(state.repeat()),
                    newQueue, queueIndex, newQueueVersion, state.version(), clock.instant()));
        }, Optional::of);
        pushState(caller, changed.state(), "update", Optional.empty());
        return stateAck(changed.state());
    }

    /**
     * {@code playback.command}: a remote control. {@code setQueue} changes the shared queue (refused when its
     * {@code queueVersion} is stale) and reaches every device; the other commands go to the target device only, which
     * executes them and reports its new state.
     */
    public Map<String, Object> command(Caller caller, JsonNode message) {
        String command = Fields.optionalChoice(message, "command", COMMANDS)
                .orElseThrow(() -> Fields.invalid("command", "is required: one of " + String.join(", ", COMMANDS)));
        Optional<Long> requestedTarget = Fields.optionalLong(message, "target", 1, Long.MAX_VALUE);
        Map<String, Object> forwarded = new LinkedHashMap<>();
        forwarded.put("from", caller.deviceId());
        forwarded.put("command", command);
        switch (command) {
            case "seek" -> forwarded.put("positionMs", Fields.requiredLong(message, "positionMs", 0, Long.MAX_VALUE));
            case "volume" -> forwarded.put("volume", Fields.requiredLong(message, "volume", 0, 100));
            default -> { }
        }
        Optional<List<Long>> queue = command.equals("setQueue") ? Optional.of(Fields.optionalIds(message, "queue", MAX_QUEUE)
                .orElseThrow(() -> Fields.invalid("queue", "is required for setQueue"))) : Optional.empty();
        Optional<Long> queueVersion = Fields.optionalLong(message, "queueVersion", 0, Long.MAX_VALUE);
        int queueIndex = Fields.optionalLong(message, "queueIndex", 0, MAX_QUEUE).map(Long::intValue).orElse(0);

        Targeted result = inOrder(caller.userId(), c -> {
            Playback.Locked locked = queue.isPresent() ? Playback.lock(c, caller.userId())
                    : new Playback.Locked(Playback.state(c, caller.userId()), Optional.empty());
            Playback.State state = locked.state();
            long target = requestedTarget.or(state::activeDeviceId)
                    .orElseThrow(() -> ResonanceException.conflict("no_active_device", "No device is playing: name a target device"));
            if (!Playback.ownsDevice(c, caller.userId(), target)) {
                throw ResonanceException.notFound("You have no device " + target);
            }
            if (queue.isEmpty()) {
                return new Targeted(target, Optional.empty());
            }
            requireQueueVersion(state, queueVersion);
            List<Long> ids = queue.get();
            Optional<Long> track = queueIndex < ids.size() ? Optional.of(ids.get(queueIndex)) : Optional.empty();
            return new Targeted(target, Optional.of(write(c, caller, locked, new Playback.State(state.activeDeviceId(),
                    track, 0, state.playing(), state.volume(), state.shuffle(), state.repeat(), ids, queueIndex,
                    state.queueVersion() + 1, state.version(), clock.instant()))));
        }, Targeted::changed);
        result.state().ifPresent(s -> {
            forwarded.put("queue", s.queue());
            forwarded.put("queueIndex", s.queueIndex());
            forwarded.put("queueVersion", s.queueVersion());
        });
        sync.push(caller.userId(), Optional.of(caller.deviceId()), Optional.of(result.target()), Frames.frame("playback.command", forwarded));
        result.state().ifPresent(s -> pushState(caller, s, "queue", Optional.empty()));
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("target", result.target());
        result.state().ifPresent(s -> ack.putAll(stateAck(s)));
        return ack;
    }

    private record Targeted(long target, Optional<Changed> changed) {
        Optional<Playback.State> state() {
            return changed.map(Changed::state);
        }
    }

    /**
     * A client app saves where it is (Subsonic's {@code savePlayQueue}): the shared queue becomes {@code queue} at
     * {@code index} and {@code positionMs}, with the app's device the active one, paused (the app plays on its own; the
     * others show it and can take over from there). Refused ({@code CONFLICT}) while another device of the user is
     * online and playing: what the user listens to now is not taken away by an app in a pocket.
     */
    public Playback.State saveQueue(Caller caller, List<Long> queue, int index, long positionMs) {
        if (queue.size() > MAX_QUEUE) {
            throw ResonanceException.invalid("invalid_queue", "A queue holds at most " + MAX_QUEUE + " tracks");
        }
        if (!queue.isEmpty() && (index < 0 || index >= queue.size())) {
            throw ResonanceException.invalid("invalid_queue", "The current track must be one of the queue's");
        }
        Changed changed = inOrder(caller.userId(), c -> {
            Playback.Locked locked = Playback.lock(c, caller.userId());
            Playback.State state = locked.state();
            Instant now = clock.instant();
            if (state.playing() && state.activeDeviceId().isPresent() && state.activeDeviceId().get() != caller.deviceId()) {
                long active = state.activeDeviceId().get();
                Optional<Playback.DeviceView> playing = Playback.devices(c, caller.userId(), now).stream()
                        .filter(d -> d.id() == active && d.online()).findFirst();
                if (playing.isPresent()) {
                    throw ResonanceException.conflict("another_device_playing", playing.get().name()
                            + " is playing: the queue stays with it until it stops");
                }
            }
            Optional<Long> track = queue.isEmpty() ? Optional.empty() : Optional.of(queue.get(index));
            if (track.isPresent() && !track.equals(state.trackId())
                    && !CatalogQueries.visible(c, caller, CatalogQueries.Item.TRACK, track.get())) {
                throw ResonanceException.notFound("No track " + track.get());
            }
            return write(c, caller, locked, new Playback.State(Optional.of(caller.deviceId()), track, queue.isEmpty() ? 0 : positionMs,
                    false, state.volume(), state.shuffle(), state.repeat(), List.copyOf(queue), queue.isEmpty() ? 0 : index,
                    state.queueVersion() + 1, state.version(), now));
        }, Optional::of);
        pushState(caller, changed.state(), "update", Optional.empty());
        return changed.state();
    }

    /** The user's shared playback now, and the name of its active device (when there is one). */
    public record Shared(Playback.State state, Optional<String> activeDevice, Instant now) {
    }

    public Shared shared(Caller caller) {
        return db.read(c -> {
            Playback.State state = Playback.state(c, caller.userId());
            Optional<String> device = state.activeDeviceId().isEmpty() ? Optional.empty()
                    : Playback.deviceName(c, caller.userId(), state.activeDeviceId().get());
            return new Shared(state, device, clock.instant());
        });
    }

    /**
     * {@code playback.transfer}: makes {@code target} the active device, at the position playback has reached now.
     * Every device gets the new state (the old active device stops, the target starts at {@code positionMs} corrected
     * by the time since {@code updatedAt}).
     */
    public Map<String, Object> transfer(Caller caller, JsonNode message) {
        long target = Fields.requiredLong(message, "target", 1, Long.MAX_VALUE);
        Optional<Boolean> play = Fields.optionalBoolean(message, "play");
        Changed changed = inOrder(caller.userId(), c -> {
            if (!Playback.ownsDevice(c, caller.userId(), target)) {
                throw ResonanceException.notFound("You have no device " + target);
            }
            Playback.Locked locked = Playback.lock(c, caller.userId());
            Playback.State state = locked.state();
            Instant now = clock.instant();
            return write(c, caller, locked, new Playback.State(Optional.of(target), state.trackId(), state.positionAt(now),
                    play.orElse(state.playing()), state.volume(), state.shuffle(), state.repeat(), state.queue(),
                    state.queueIndex(), state.queueVersion(), state.version(), now));
        }, Optional::of);
        pushState(caller, changed.state(), "transfer", Optional.empty());
        return stateAck(changed.state());
    }

    /**
     * Runs the transaction {@code work} of a change of the user's playback and hands what it {@code changed} to the feed
     * after commit, while no other change of that user on this node runs: the feed sees one user's changes in the
     * order their transactions committed (the row lock orders them in the database; this orders their hand-over). The
     * listens it recorded are pushed to the user's devices.
     */
    private <T> T inOrder(long userId, Database.SqlWork<T> work, Function<T, Optional<Changed>> changed) {
        synchronized (stripes[Math.floorMod(userId, STRIPES)]) {
            T result = db.inTransaction(work);
            changed.apply(result).ifPresent(c -> {
                feed.publish(c.notices());
                c.events().forEach(e -> sync.published(userId, e));
            });
            return result;
        }
    }

    /** Writes {@code next} over the locked state, with the play it makes, and names what that meant. */
    private Changed write(Connection c, Caller caller, Playback.Locked locked, Playback.State next) throws SQLException {
        PlayTracker.Step step = PlayTracker.step(locked.play(), locked.state(), next, Plays.durations(c));
        Playback.State written = Playback.write(c, caller.userId(), next, step.play());
        List<UserEvent> events = Plays.record(c, caller.userId(), Plays.Source.CONNECT, step.signals());
        if (step.signals().isEmpty() || !feed.heard()) {
            return new Changed(written, List.of(), events);
        }
        return new Changed(written, Plays.notices(c, caller, step.signals(), next.updatedAt()), events);
    }

    private void pushState(Caller caller, Playback.State state, String reason, Optional<Long> target) {
        sync.push(caller.userId(), Optional.of(caller.deviceId()), target, Frames.frame("playback.state",
                Map.of("reason", reason, "state", state, "serverTime", clock.instant())));
    }

    private void pushDevices(Caller caller) {
        List<Playback.DeviceView> devices = db.inTransaction(c -> Playback.devices(c, caller.userId(), clock.instant()));
        sync.push(caller.userId(), Optional.of(caller.deviceId()), Optional.empty(), Frames.frame("devices", Map.of("devices", devices)));
    }

    private Map<String, Object> stateAck(Playback.State state) {
        return Map.of("state", state, "serverTime", clock.instant());
    }

    private static void requireQueueVersion(Playback.State state, Optional<Long> queueVersion) {
        long given = queueVersion.orElseThrow(() -> Fields.invalid("queueVersion", "is required with a queue: the version your edit is based on"));
        if (given != state.queueVersion()) {
            throw ResonanceException.conflict("stale_queue_version", "The queue changed (version " + state.queueVersion() + ", yours " + given
                    + "): apply the current queue and retry");
        }
    }
}
