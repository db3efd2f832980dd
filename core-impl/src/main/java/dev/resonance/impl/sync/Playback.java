package dev.resonance.impl.sync;

import dev.resonance.impl.events.EventLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Connect-style playback state and device presence in PostgreSQL, shared by every node ({@code playback_state},
 * {@code device_presence}). The state row of a user is changed only under its row lock ({@code SELECT … FOR
 * UPDATE}) and every change bumps {@code version}; queue changes must name the {@code queue_version} they were
 * based on. The same row keeps the user's play in progress ({@link PlayTracker.Play}, columns {@code play_*}), changed
 * with the state it follows. All SQL of playback lives here.
 */
public final class Playback {

    /** A device is online while it has a socket on some node that refreshed it within this time. */
    public static final Duration PRESENCE_TTL = Duration.ofSeconds(90);

    /** Playback as the active device last reported it; {@code positionMs} was true at {@code updatedAt} (server time). */
    public record State(Optional<Long> activeDeviceId, Optional<Long> trackId, long positionMs, boolean playing, int volume,
                        boolean shuffle, String repeat, List<Long> queue, int queueIndex, long queueVersion, long version,
                        Instant updatedAt) {

        /** Where playback is at {@code now}: the position moves on while playing. */
        public long positionAt(Instant now) {
            return playing ? positionMs + Math.max(0, Duration.between(updatedAt, now).toMillis()) : positionMs;
        }
    }

    /** One of the user's devices as the sync snapshot and presence messages show it. */
    public record DeviceView(long id, String name, String type, boolean online, boolean active, JsonNode capabilities,
                             Instant lastSeenAt) {
    }

    private Playback() {
    }

    /** The user's playback row, locked, with the play in progress that {@link PlayTracker} follows. */
    public record Locked(State state, Optional<PlayTracker.Play> play) {
    }

    /** The user's playback row (an empty idle state when there is none yet). */
    public static State state(Connection c, long userId) throws SQLException {
        return read(c, userId, false).state();
    }

    /** The user's playback row and play, locked until the transaction ends (created when missing). */
    public static Locked lock(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO playback_state (user_id) VALUES (?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, userId);
            ps.executeUpdate();
        }
        return read(c, userId, true);
    }

    private static Locked read(Connection c, long userId, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT active_device_id, track_id, position_ms, playing, volume, shuffle,"
                + " repeat, queue::text, queue_index, queue_version, version, updated_at, " + PLAY_COLUMNS + " FROM playback_state WHERE user_id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Locked(new State(Optional.empty(), Optional.empty(), 0, false, 100, false, "off", List.of(), 0, 0, 0,
                            Instant.EPOCH), Optional.empty());
                }
                List<Long> queue = new ArrayList<>();
                EventLog.tree(rs.getString(8)).forEach(n -> queue.add(n.asLong()));
                State state = new State(optionalLong(rs, 1), optionalLong(rs, 2), rs.getLong(3), rs.getBoolean(4), rs.getInt(5),
                        rs.getBoolean(6), rs.getString(7), List.copyOf(queue), rs.getInt(9), rs.getLong(10), rs.getLong(11),
                        rs.getTimestamp(12).toInstant());
                return new Locked(state, play(rs, 13));
            }
        }
    }

    /**
     * Writes {@code next} as the user's state with its play in progress, bumping {@code version}; the row must be locked
     * by {@link #lock}.
     */
    public static State write(Connection c, long userId, State next, Optional<PlayTracker.Play> play) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE playback_state SET active_device_id = ?, track_id = ?, position_ms = ?,"
                + " playing = ?, volume = ?, shuffle = ?, repeat = ?, queue = ?::jsonb, queue_index = ?, queue_version = ?,"
                + " version = version + 1, updated_at = ?, play_track_id = ?, play_duration_ms = ?, play_started_at = ?,"
                + " play_played_ms = ?, play_noticed_at = ?, play_scrobbled = ?, play_ended = ? WHERE user_id = ? RETURNING version")) {
            setOptional(ps, 1, next.activeDeviceId());
            setOptional(ps, 2, next.trackId());
            ps.setLong(3, next.positionMs());
            ps.setBoolean(4, next.playing());
            ps.setInt(5, next.volume());
            ps.setBoolean(6, next.shuffle());
            ps.setString(7, next.repeat());
            ps.setString(8, EventLog.JSON.valueToTree(next.queue()).toString());
            ps.setInt(9, next.queueIndex());
            ps.setLong(10, next.queueVersion());
            ps.setTimestamp(11, java.sql.Timestamp.from(next.updatedAt()));
            setPlay(ps, 12, play);
            ps.setLong(19, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new State(next.activeDeviceId(), next.trackId(), next.positionMs(), next.playing(), next.volume(),
                        next.shuffle(), next.repeat(), next.queue(), next.queueIndex(), next.queueVersion(), rs.getLong(1),
                        next.updatedAt());
            }
        }
    }

    /** The user's devices, most recently seen first, with presence and which one is active. */
    public static List<DeviceView> devices(Connection c, long userId, Instant now) throws SQLException {
        List<DeviceView> devices = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.name, d.type, coalesce(p.connections, 0) > 0"
                + " AND p.last_seen_at > ?, s.active_device_id IS NOT DISTINCT FROM d.id, coalesce(p.capabilities, '{}')::text,"
                + " greatest(d.last_seen_at, p.last_seen_at) FROM devices d LEFT JOIN device_presence p ON p.device_id = d.id"
                + " LEFT JOIN playback_state s ON s.user_id = d.user_id WHERE d.user_id = ? ORDER BY 7 DESC, d.id")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(now.minus(PRESENCE_TTL)));
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devices.add(new DeviceView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                            EventLog.tree(rs.getString(6)), rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return devices;
    }

    /** Whether {@code deviceId} is one of the user's devices. */
    public static boolean ownsDevice(Connection c, long userId, long deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM devices WHERE id = ? AND user_id = ?")) {
            ps.setLong(1, deviceId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * A socket of the device opened ({@code +1}) or closed ({@code -1}) on some node. Returns the device's number of
     * open sockets after the change, across nodes: 1 after an open = the device came online, 0 = it went offline.
     */
    public static int connection(Connection c, long userId, long deviceId, int delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_presence (device_id, user_id, connections)"
                + " VALUES (?, ?, greatest(?, 0)) ON CONFLICT (device_id) DO UPDATE SET connections ="
                + " greatest(CASE WHEN device_presence.last_seen_at > ? THEN device_presence.connections ELSE 0 END + ?, 0),"
                + " last_seen_at = now() RETURNING connections")) {
            ps.setLong(1, deviceId);
            ps.setLong(2, userId);
            ps.setInt(3, delta);
            ps.setTimestamp(4, java.sql.Timestamp.from(Instant.now().minus(PRESENCE_TTL)));
            ps.setInt(5, delta);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Records what the device announced it can do. */
    public static void announce(Connection c, long userId, long deviceId, JsonNode capabilities) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_presence (device_id, user_id, capabilities, connections)"
                + " VALUES (?, ?, ?::jsonb, 1) ON CONFLICT (device_id) DO UPDATE SET capabilities = excluded.capabilities,"
                + " last_seen_at = now()")) {
            ps.setLong(1, deviceId);
            ps.setLong(2, userId);
            ps.setString(3, capabilities.toString());
            ps.executeUpdate();
        }
    }

    /** Keeps the presence of devices connected to this node fresh (called periodically). */
    public static void touch(Connection c, List<Long> deviceIds) throws SQLException {
        if (deviceIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE device_presence SET last_seen_at = now() WHERE device_id = ANY (?)")) {
            Array ids = c.createArrayOf("bigint", deviceIds.toArray());
            ps.setArray(1, ids);
            ps.executeUpdate();
        }
    }

    /** A device's name, when it is one of the user's. */
    public static Optional<String> deviceName(Connection c, long userId, long deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM devices WHERE id = ? AND user_id = ?")) {
            ps.setLong(1, deviceId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The columns that keep a play in progress, in the order {@link #play} reads and {@link #setPlay} binds them (the
     * same in {@code playback_state} and in the play reports of {@code impl.history}).
     */
    public static final String PLAY_COLUMNS = "play_track_id, play_duration_ms, play_started_at, play_played_ms, play_noticed_at,"
            + " play_scrobbled, play_ended";

    /** The play of {@link #PLAY_COLUMNS} read from column {@code first} on; empty when there is none. */
    public static Optional<PlayTracker.Play> play(ResultSet rs, int first) throws SQLException {
        Optional<Long> track = optionalLong(rs, first);
        return track.isEmpty() ? Optional.empty() : Optional.of(new PlayTracker.Play(track.get(), rs.getLong(first + 1),
                optionalInstant(rs, first + 2), rs.getLong(first + 3), optionalInstant(rs, first + 4), rs.getBoolean(first + 5),
                rs.getBoolean(first + 6)));
    }

    /** Binds {@code play} as the seven parameters of {@link #PLAY_COLUMNS} from {@code first} on. */
    public static void setPlay(PreparedStatement ps, int first, Optional<PlayTracker.Play> play) throws SQLException {
        setOptional(ps, first, play.map(PlayTracker.Play::trackId));
        ps.setLong(first + 1, play.map(PlayTracker.Play::durationMs).orElse(0L));
        ps.setTimestamp(first + 2, play.flatMap(PlayTracker.Play::startedAt).map(java.sql.Timestamp::from).orElse(null));
        ps.setLong(first + 3, play.map(PlayTracker.Play::playedMs).orElse(0L));
        ps.setTimestamp(first + 4, play.flatMap(PlayTracker.Play::noticedAt).map(java.sql.Timestamp::from).orElse(null));
        ps.setBoolean(first + 5, play.map(PlayTracker.Play::scrobbled).orElse(false));
        ps.setBoolean(first + 6, play.map(PlayTracker.Play::ended).orElse(false));
    }

    private static Optional<Instant> optionalInstant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    /** A nullable BIGINT column. */
    public static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    /** Binds a nullable BIGINT parameter. */
    public static void setOptional(PreparedStatement ps, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.get());
        } else {
            ps.setNull(index, Types.BIGINT);
        }
    }
}
