package dev.resonance.impl.history;

import dev.resonance.impl.sync.PlayTracker;
import dev.resonance.impl.sync.Playback;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The play in progress that each device reports ({@code play_reports}, one row per user and device), read under its row
 * lock and written back in the same transaction. The row holds what the device last reported as a {@link Playback.State}
 * of that device alone, and the play that {@link PlayTracker} follows from it. All SQL of play reports lives here.
 */
final class PlayReports {

    /**
     * The locked row: the device's last report, its play, and whether Connect covers that play; {@code connect}: whether
     * the user's Connect playback has this device as its active device on the reported track (read with the row: one
     * statement less per report).
     */
    record Locked(Playback.State state, Optional<PlayTracker.Play> play, boolean covered, boolean connect) {
    }

    private static final String COLUMNS = "track_id, position_ms, playing, updated_at, play_covered, " + Playback.PLAY_COLUMNS;

    private PlayReports() {
    }

    /** The device's row, locked until the transaction ends (created when missing). */
    static Locked lock(Connection c, long userId, long deviceId, long trackId) throws SQLException {
        Optional<Locked> found = read(c, userId, deviceId, trackId);
        if (found.isPresent()) {
            return found.get();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO play_reports (user_id, device_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, userId);
            ps.setLong(2, deviceId);
            ps.executeUpdate();
        }
        return read(c, userId, deviceId, trackId).orElseThrow();
    }

    private static Optional<Locked> read(Connection c, long userId, long deviceId, long trackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", EXISTS (SELECT 1 FROM playback_state s"
                + " WHERE s.user_id = r.user_id AND s.active_device_id = r.device_id AND s.track_id = ?)"
                + " FROM play_reports r WHERE r.user_id = ? AND r.device_id = ? FOR UPDATE OF r")) {
            ps.setLong(1, trackId);
            ps.setLong(2, userId);
            ps.setLong(3, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Playback.State state = state(deviceId, Playback.optionalLong(rs, 1), rs.getLong(2), rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant());
                boolean connect = rs.getBoolean(6 + Playback.PLAY_COLUMNS.split(",").length);
                return Optional.of(new Locked(state, Playback.play(rs, 6), rs.getBoolean(5), connect));
            }
        }
    }

    /** What a device reported, as the state of a playback of its own (the tracker's input). */
    static Playback.State state(long deviceId, Optional<Long> trackId, long positionMs, boolean playing, Instant at) {
        return new Playback.State(Optional.of(deviceId), trackId, positionMs, playing, 100, false, "off", List.of(), 0, 0, 0, at);
    }

    /**
     * The user's devices whose last report names a track they have not ended, with the device's name (no lock: a
     * read of what was last committed).
     */
    static List<PlayReportService.InProgress> inProgress(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT r.device_id, d.name, r.track_id, r.position_ms, r.playing, r.updated_at"
                + " FROM play_reports r JOIN devices d ON d.id = r.device_id WHERE r.user_id = ? AND r.track_id IS NOT NULL")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                List<PlayReportService.InProgress> found = new java.util.ArrayList<>();
                while (rs.next()) {
                    found.add(new PlayReportService.InProgress(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getBoolean(5), rs.getTimestamp(6).toInstant()));
                }
                return found;
            }
        }
    }

    /** Writes the device's report and play over its locked row. */
    static void write(Connection c, long userId, long deviceId, Playback.State state, Optional<PlayTracker.Play> play, boolean covered)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE play_reports SET track_id = ?, position_ms = ?, playing = ?, updated_at = ?,"
                + " (" + Playback.PLAY_COLUMNS + ") = (?, ?, ?, ?, ?, ?, ?), play_covered = ? WHERE user_id = ? AND device_id = ?")) {
            Playback.setOptional(ps, 1, state.trackId());
            ps.setLong(2, state.positionMs());
            ps.setBoolean(3, state.playing());
            ps.setTimestamp(4, Timestamp.from(state.updatedAt()));
            Playback.setPlay(ps, 5, play);
            ps.setBoolean(12, covered);
            ps.setLong(13, userId);
            ps.setLong(14, deviceId);
            ps.executeUpdate();
        }
    }
}
