package dev.resonance.impl.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.impl.json.ApiJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-user event log in PostgreSQL ({@code user_sync} + {@code user_events}). Every method works on a
 * connection the caller holds inside its own transaction, so any code that changes user data — likes, settings,
 * permissions in the auth package, playlists later — appends its event in the same transaction as the change:
 * both commit or neither does. The sequence number is taken from the user's {@code user_sync} row with
 * {@code seq = seq + 1}, whose row lock serializes the writers of one user until commit; a rollback gives the number
 * back, so the committed events of a user are always the gapless run {@code pruned_through+1 .. seq}.
 */
public final class EventLog {

    /** The JSON mapper of events and sync messages (the API's mapper: ISO instants, Optional as value or null). */
    public static final ObjectMapper JSON = ApiJson.newMapper();

    private EventLog() {
    }

    /** What the log holds for a user after a cursor. */
    public record Page(List<UserEvent> events, long currentSeq, long prunedThrough, boolean hasMore) {
    }

    /** Appends an event for {@code userId} in the caller's transaction and returns it with its sequence number. */
    public static UserEvent append(Connection c, long userId, Optional<Long> deviceId, String type, Object payload)
            throws SQLException {
        JsonNode json = JSON.valueToTree(payload);
        long seq;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_sync (user_id, seq) VALUES (?, 1)"
                + " ON CONFLICT (user_id) DO UPDATE SET seq = user_sync.seq + 1 RETURNING seq")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_events (user_id, seq, type, payload, device_id)"
                + " VALUES (?, ?, ?, ?::jsonb, ?) RETURNING at")) {
            ps.setLong(1, userId);
            ps.setLong(2, seq);
            ps.setString(3, type);
            ps.setString(4, text(json));
            if (deviceId.isPresent()) {
                ps.setLong(5, deviceId.get());
            } else {
                ps.setNull(5, Types.BIGINT);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new UserEvent(seq, type, json, deviceId, rs.getTimestamp(1).toInstant());
            }
        }
    }

    /** The user's last sequence number (0 before the first event). */
    public static long currentSeq(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM user_sync WHERE user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Up to {@code limit} events with {@code seq > since}, oldest first, and where the log stands. */
    public static Page since(Connection c, long userId, long since, int limit) throws SQLException {
        long current = 0;
        long pruned = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, pruned_through FROM user_sync WHERE user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    current = rs.getLong(1);
                    pruned = rs.getLong(2);
                }
            }
        }
        List<UserEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, type, payload::text, device_id, at FROM user_events"
                + " WHERE user_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, since);
            ps.setLong(3, current);
            ps.setInt(4, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long device = rs.getLong(4);
                    events.add(new UserEvent(rs.getLong(1), rs.getString(2), tree(rs.getString(3)),
                            rs.wasNull() ? Optional.empty() : Optional.of(device), rs.getTimestamp(5).toInstant()));
                }
            }
        }
        boolean more = events.size() > limit;
        return new Page(more ? List.copyOf(events.subList(0, limit)) : events, current, pruned, more);
    }

    /**
     * Deletes, per user, every event up to the newest one older than {@code before} — always a prefix of the log, so
     * what remains stays gapless — and records how far each log was pruned. Returns the number of events deleted.
     */
    public static int prune(Connection c, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "WITH cut AS (SELECT user_id, max(seq) AS through FROM user_events WHERE at < ? GROUP BY user_id),"
                        + " gone AS (DELETE FROM user_events e USING cut WHERE e.user_id = cut.user_id AND e.seq <= cut.through"
                        + "          RETURNING 1),"
                        + " marked AS (UPDATE user_sync s SET pruned_through = cut.through FROM cut"
                        + "          WHERE s.user_id = cut.user_id AND s.pruned_through < cut.through)"
                        + " SELECT count(*) FROM gone")) {
            ps.setTimestamp(1, Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public static String text(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serializable", e);
        }
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("user_events.payload is not JSON", e);
        }
    }
}
