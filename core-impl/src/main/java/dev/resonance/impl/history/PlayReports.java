package dev.resonance.impl.history;

import dev.resonance.impl.sync.PlayTracker;
import dev.resonance.impl.sync.Playback;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The play in progress that each device reports ({@code play_reports}, one row per user and device), read under its row
 * lock and written back in the same transaction. The row holds what the device last reported as a {@link Playback.State}
 * of that device alone, and the play that {@link PlayTracker} follows from it. All SQL of play reports lives here.
 */
final class PlayReports {

    /** The locked row: the device's last report, its play, and whether Connect covers that play. */
    record Locked(Playback.State state, Optional<PlayTracker.Play> play, boolean covered) {
    }

    private static final String COLUMNS = "track_id, position_ms, playing, updated_at, play_track_id, play_duration_ms, play_started_at,"
            + " play_played_ms, play_noticed_at, play_scrobbled, play_ended, play_covered";

    private PlayReports() {
    }

    /** The device's row, locked until the transaction ends (created when missing). */
    static Locked lock(Connection c, long userId, long deviceId) throws SQLException {
        Optional<Locked> found = read(c, userId, deviceId);
        if (found.isPresent()) {
            return found.get();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO play_reports (user_id, device_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, userId);
            ps.setLong(2, deviceId);
            ps.executeUpdate();
        }
        return read(c, userId, deviceId).orElseThrow();
    }

    private static Optional<Locked> read(Connection c, long userId, long deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM play_reports WHERE user_id = ? AND device_id = ? FOR UPDATE")) {
            ps.setLong(1, userId);
            ps.setLong(2, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Playback.State state = state(deviceId, optionalLong(rs, 1), rs.getLong(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant());
                Optional<Long> playTrack = optionalLong(rs, 5);
                Optional<PlayTracker.Play> play = playTrack.isEmpty() ? Optional.empty() : Optional.of(new PlayTracker.Play(playTrack.get(),
                        rs.getLong(6), optionalInstant(rs, 7), rs.getLong(8), optionalInstant(rs, 9), rs.getBoolean(10), rs.getBoolean(11)));
                return Optional.of(new Locked(state, play, rs.getBoolean(12)));
            }
        }
    }

    /** What a device reported, as the state of a playback of its own (the tracker's input). */
    static Playback.State state(long deviceId, Optional<Long> trackId, long positionMs, boolean playing, Instant at) {
        return new Playback.State(Optional.of(deviceId), trackId, positionMs, playing, 100, false, "off", List.of(), 0, 0, 0, at);
    }

    /** Writes the device's report and play over its locked row. */
    static void write(Connection c, long userId, long deviceId, Playback.State state, Optional<PlayTracker.Play> play, boolean covered)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE play_reports SET track_id = ?, position_ms = ?, playing = ?, updated_at = ?,"
                + " play_track_id = ?, play_duration_ms = ?, play_started_at = ?, play_played_ms = ?, play_noticed_at = ?,"
                + " play_scrobbled = ?, play_ended = ?, play_covered = ? WHERE user_id = ? AND device_id = ?")) {
            setOptional(ps, 1, state.trackId());
            ps.setLong(2, state.positionMs());
            ps.setBoolean(3, state.playing());
            ps.setTimestamp(4, Timestamp.from(state.updatedAt()));
            setOptional(ps, 5, play.map(PlayTracker.Play::trackId));
            ps.setLong(6, play.map(PlayTracker.Play::durationMs).orElse(0L));
            ps.setTimestamp(7, play.flatMap(PlayTracker.Play::startedAt).map(Timestamp::from).orElse(null));
            ps.setLong(8, play.map(PlayTracker.Play::playedMs).orElse(0L));
            ps.setTimestamp(9, play.flatMap(PlayTracker.Play::noticedAt).map(Timestamp::from).orElse(null));
            ps.setBoolean(10, play.map(PlayTracker.Play::scrobbled).orElse(false));
            ps.setBoolean(11, play.map(PlayTracker.Play::ended).orElse(false));
            ps.setBoolean(12, covered);
            ps.setLong(13, userId);
            ps.setLong(14, deviceId);
            ps.executeUpdate();
        }
    }

    /** Whether the user's Connect playback has {@code deviceId} as its active device on {@code trackId}: Connect counts that play. */
    static boolean connectPlays(Connection c, long userId, long deviceId, long trackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM playback_state WHERE user_id = ? AND active_device_id = ? AND track_id = ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, deviceId);
            ps.setLong(3, trackId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Optional<Instant> optionalInstant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    private static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static void setOptional(PreparedStatement ps, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.get());
        } else {
            ps.setNull(index, Types.BIGINT);
        }
    }
}
