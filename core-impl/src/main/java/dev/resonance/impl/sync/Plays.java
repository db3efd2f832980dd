package dev.resonance.impl.sync;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.DatabaseException;
import dev.resonance.impl.events.EventLog;
import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.library.browse.CatalogQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * What the {@link PlayTracker.Signal}s of a step mean beyond the play itself, for both ways a play reaches the server
 * (Connect playback, {@link PlaybackService}; the play-report API of {@code impl.history}): a listen recorded in the
 * listening history, and the {@link PlayNotice}s for the {@link PlaybackFeed}. Called in the transaction of the step,
 * so a play becomes a listen exactly when (and only if) its play row says it was scrobbled.
 *
 * <p>A listen ({@code QUALIFIED}) inserts a row into {@code listens}, counts it in {@code user_track_plays} (the user's
 * play count and last play of the track) and {@code track_popularity} (everyone's), and appends {@code listen.added}
 * to the user's event log. The end of a play ({@code FINISHED}/{@code SKIPPED}) raises the listened time of its listen,
 * if it was one, to the play's total. The unique key of {@code listens} (user, start, track) makes a second listen of
 * one play a no-op, whichever path reports it.
 */
public final class Plays {

    /** How the server learnt of a play. */
    public enum Source {
        CONNECT, REPORT;

        String sql() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private Plays() {
    }

    /**
     * Records in the history what {@code signals} (one step's, in order) say about listens; answers the events appended
     * (to be published after commit).
     */
    public static List<UserEvent> record(Connection c, long userId, Source source, List<PlayTracker.Signal> signals) throws SQLException {
        List<UserEvent> events = new ArrayList<>();
        for (PlayTracker.Signal signal : signals) {
            switch (signal.type()) {
                case QUALIFIED -> listen(c, userId, source, signal).ifPresent(events::add);
                case FINISHED, SKIPPED -> ended(c, userId, signal);
                default -> { }
            }
        }
        return events;
    }

    private static Optional<UserEvent> listen(Connection c, long userId, Source source, PlayTracker.Signal signal) throws SQLException {
        Timestamp startedAt = Timestamp.from(signal.startedAt());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO listens (user_id, track_id, started_at, listened_ms, device_id, source)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, userId);
            ps.setLong(2, signal.trackId());
            ps.setTimestamp(3, startedAt);
            ps.setLong(4, signal.playedMs());
            if (signal.deviceId() > 0) {
                ps.setLong(5, signal.deviceId());
            } else {
                ps.setNull(5, java.sql.Types.BIGINT);
            }
            ps.setString(6, source.sql());
            if (ps.executeUpdate() == 0) {
                return Optional.empty(); // this play is a listen already
            }
        }
        long playCount;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_track_plays (user_id, track_id, play_count, last_played_at)"
                + " VALUES (?, ?, 1, ?) ON CONFLICT (user_id, track_id) DO UPDATE SET play_count = user_track_plays.play_count + 1,"
                + " last_played_at = greatest(user_track_plays.last_played_at, excluded.last_played_at) RETURNING play_count")) {
            ps.setLong(1, userId);
            ps.setLong(2, signal.trackId());
            ps.setTimestamp(3, startedAt);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                playCount = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO track_popularity (track_id, play_count, last_played_at) VALUES (?, 1, ?)"
                + " ON CONFLICT (track_id) DO UPDATE SET play_count = track_popularity.play_count + 1,"
                + " last_played_at = greatest(track_popularity.last_played_at, excluded.last_played_at)")) {
            ps.setLong(1, signal.trackId());
            ps.setTimestamp(2, startedAt);
            ps.executeUpdate();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("trackId", signal.trackId());
        payload.put("startedAt", signal.startedAt());
        payload.put("listenedMs", signal.playedMs());
        payload.put("playCount", playCount);
        payload.put("source", source.sql());
        Optional<Long> device = signal.deviceId() > 0 ? Optional.of(signal.deviceId()) : Optional.empty();
        return Optional.of(EventLog.append(c, userId, device, "listen.added", payload));
    }

    private static void ended(Connection c, long userId, PlayTracker.Signal signal) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE listens SET listened_ms = ? WHERE user_id = ? AND started_at = ?"
                + " AND track_id = ? AND listened_ms < ?")) {
            ps.setLong(1, signal.playedMs());
            ps.setLong(2, userId);
            ps.setTimestamp(3, Timestamp.from(signal.startedAt()));
            ps.setLong(4, signal.trackId());
            ps.setLong(5, signal.playedMs());
            ps.executeUpdate();
        }
    }

    /** The catalog's track durations for {@link PlayTracker#step}, read in the transaction {@code c}. */
    public static LongFunction<Optional<Long>> durations(Connection c) {
        return track -> {
            try {
                return CatalogQueries.durationMs(c, track);
            } catch (SQLException e) {
                throw new DatabaseException("Reading the duration of a track failed", e);
            }
        };
    }

    /** The notices of {@code signals} for the feed: with the user and the name of each device (one lookup per device). */
    public static List<PlayNotice> notices(Connection c, Caller caller, List<PlayTracker.Signal> signals, Instant at) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        List<PlayNotice> notices = new ArrayList<>();
        for (PlayTracker.Signal signal : signals) {
            String name = names.get(signal.deviceId());
            if (name == null) {
                name = Playback.deviceName(c, caller.userId(), signal.deviceId()).orElse("");
                names.put(signal.deviceId(), name);
            }
            notices.add(new PlayNotice(signal.type(), caller.userId(), caller.username(), signal.deviceId(), name,
                    signal.trackId(), signal.positionMs(), signal.playedMs(), signal.startedAt(), at));
        }
        return List.copyOf(notices);
    }
}
