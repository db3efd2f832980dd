package dev.resonance.impl.auth;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Devices and sessions (rotating refresh tokens, stored as SHA-256) in PostgreSQL. */
final class SessionStore {

    static final int MAX_DEVICES_PER_USER = 50;

    /** A live session with the user behind it, as needed to authenticate a request. */
    record LiveSession(UUID sessionId, long userId, String username, Role role, boolean disabled, long deviceId,
                       Set<Permission> permissions, Instant lastSeenAt) {
    }

    /** The result of presenting a refresh token. */
    sealed interface Rotation permits Rotated, Reused, Unknown {
    }

    record Rotated(UUID sessionId, long userId, long deviceId) implements Rotation {
    }

    /** The token was already rotated: someone else has it. The session is revoked. */
    record Reused(UUID sessionId) implements Rotation {
    }

    record Unknown() implements Rotation {
    }

    /**
     * Creates or refreshes the device, then evicts the user's least recently used devices beyond the limit (the devices
     * of app passwords are neither counted nor evicted).
     */
    long upsertDevice(Connection c, long userId, String key, String type, String name, Optional<String> os) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO devices (user_id, device_key, type, name, os) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (user_id, device_key) DO UPDATE SET type = excluded.type, name = excluded.name,"
                        + " os = coalesce(excluded.os, devices.os), last_seen_at = now() RETURNING id")) {
            ps.setLong(1, userId);
            ps.setString(2, key);
            ps.setString(3, type);
            ps.setString(4, name);
            ps.setString(5, os.orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM devices WHERE id IN (SELECT d.id FROM devices d WHERE d.user_id = ?"
                        // an app password's device goes only when the user revokes it (AppPasswords)
                        + " AND NOT EXISTS (SELECT 1 FROM sessions s JOIN app_passwords a ON a.session_id = s.id WHERE s.device_id = d.id)"
                        + " ORDER BY d.last_seen_at DESC, d.id DESC OFFSET ?)")) {
            ps.setLong(1, userId);
            ps.setInt(2, MAX_DEVICES_PER_USER);
            ps.executeUpdate();
        }
        return id;
    }

    /** One session per device: signing in again on a device replaces its previous session. */
    UUID createSession(Connection c, long userId, long deviceId, byte[] refreshHash, Instant expiresAt) throws SQLException {
        revokeDeviceSessions(c, deviceId, "signed in again");
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sessions (id, user_id, device_id, refresh_token_hash, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setLong(2, userId);
            ps.setLong(3, deviceId);
            ps.setBytes(4, refreshHash);
            ps.setTimestamp(5, Timestamp.from(expiresAt));
            ps.executeUpdate();
        }
        return id;
    }

    /**
     * Rotates the session whose refresh token is {@code presentedHash} to {@code newHash}, at {@code now} (the service's
     * clock). The token it replaced (the previous one) presented again within {@code grace} of that rotation rotates the
     * session once more: the answer to the first rotation may never have reached its client (a page that navigated away
     * while its refresh was in flight), or two tabs sharing the cookie refreshed at once. Presented later, it is a
     * replay: the session is revoked.
     */
    Rotation rotate(Connection c, byte[] presentedHash, byte[] newHash, Instant newExpiry, Instant now, java.time.Duration grace)
            throws SQLException {
        String rotate = "UPDATE sessions SET previous_token_hash = refresh_token_hash, refresh_token_hash = ?, refreshed_at = ?,"
                + " expires_at = ? WHERE %s AND revoked_at IS NULL AND expires_at > ? RETURNING id, user_id, device_id";
        try (PreparedStatement ps = c.prepareStatement(String.format(rotate, "refresh_token_hash = ?"))) {
            ps.setBytes(1, newHash);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(newExpiry));
            ps.setBytes(4, presentedHash);
            ps.setTimestamp(5, Timestamp.from(now));
            Optional<Rotated> rotated = rotated(ps);
            if (rotated.isPresent()) {
                return rotated.get();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(String.format(rotate, "previous_token_hash = ? AND refreshed_at > ?"))) {
            ps.setBytes(1, newHash);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(newExpiry));
            ps.setBytes(4, presentedHash);
            ps.setTimestamp(5, Timestamp.from(now.minus(grace)));
            ps.setTimestamp(6, Timestamp.from(now));
            Optional<Rotated> rotated = rotated(ps);
            if (rotated.isPresent()) {
                return rotated.get();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sessions SET revoked_at = coalesce(revoked_at, now()),"
                        + " revoked_reason = coalesce(revoked_reason, 'refresh token reused')"
                        + " WHERE previous_token_hash = ? RETURNING id")) {
            ps.setBytes(1, presentedHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Reused(rs.getObject(1, UUID.class));
                }
            }
        }
        return new Unknown();
    }

    private static Optional<Rotated> rotated(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Rotated(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3))) : Optional.empty();
        }
    }

    /**
     * The sessions among {@code sessionIds} that are live (not revoked, not expired) and whose user exists, with
     * effective permissions, in one query. Expiry of sessions and grants is judged at {@code now} (the service's clock,
     * which also stamped them), not the database's.
     */
    Map<UUID, LiveSession> live(Connection c, Collection<UUID> sessionIds, java.time.Instant now) throws SQLException {
        Map<UUID, LiveSession> live = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT s.id, s.user_id, u.username, u.role, u.disabled, s.device_id, d.last_seen_at,"
                        + " coalesce(array_agg(p.permission || ':' || p.effect) FILTER (WHERE p.permission IS NOT NULL), '{}')"
                        + " FROM sessions s JOIN users u ON u.id = s.user_id JOIN devices d ON d.id = s.device_id"
                        + " LEFT JOIN user_permissions p ON p.user_id = s.user_id AND (p.expires_at IS NULL OR p.expires_at > ?)"
                        + " WHERE s.id = ANY (?) AND s.revoked_at IS NULL AND s.expires_at > ?"
                        + " GROUP BY s.id, s.user_id, u.username, u.role, u.disabled, s.device_id, d.last_seen_at")) {
            java.sql.Timestamp at = java.sql.Timestamp.from(now);
            ps.setTimestamp(1, at);
            ps.setArray(2, c.createArrayOf("uuid", sessionIds.toArray()));
            ps.setTimestamp(3, at);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    Role role = Role.valueOf(rs.getString(4));
                    List<Account.PermissionOverride> overrides = new ArrayList<>();
                    for (String entry : (String[]) rs.getArray(8).getArray()) {
                        int colon = entry.lastIndexOf(':');
                        Permission.parse(entry.substring(0, colon)).ifPresent(p -> overrides.add(new Account.PermissionOverride(
                                p, Account.Effect.valueOf(entry.substring(colon + 1)), Optional.empty())));
                    }
                    live.put(id, new LiveSession(id, rs.getLong(2), rs.getString(3), role, rs.getBoolean(5),
                            rs.getLong(6), AccountStore.effective(role, overrides), rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return live;
    }

    void touchDevices(Connection c, Collection<Long> deviceIds) throws SQLException {
        if (deviceIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE devices SET last_seen_at = now() WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", deviceIds.toArray()));
            ps.executeUpdate();
        }
    }

    boolean revokeSession(Connection c, UUID sessionId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sessions SET revoked_at = now(), revoked_reason = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setString(1, reason);
            ps.setObject(2, sessionId);
            return ps.executeUpdate() == 1;
        }
    }

    void revokeDeviceSessions(Connection c, long deviceId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sessions SET revoked_at = now(), revoked_reason = ? WHERE device_id = ? AND revoked_at IS NULL")) {
            ps.setString(1, reason);
            ps.setLong(2, deviceId);
            ps.executeUpdate();
        }
    }

    /** Revokes every session of the user except {@code keep} (e.g. after a password change). */
    void revokeUserSessions(Connection c, long userId, Optional<UUID> keep, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET revoked_at = now(), revoked_reason = ?"
                + " WHERE user_id = ? AND revoked_at IS NULL AND id IS DISTINCT FROM ?")) {
            ps.setString(1, reason);
            ps.setLong(2, userId);
            ps.setObject(3, keep.orElse(null));
            ps.executeUpdate();
        }
    }

    /** Forgets a device of the user (its sessions go with it); false if it is not theirs. */
    boolean deleteDevice(Connection c, long userId, long deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM devices WHERE id = ? AND user_id = ?")) {
            ps.setLong(1, deviceId);
            ps.setLong(2, userId);
            return ps.executeUpdate() == 1;
        }
    }

    List<Device> devices(Connection c, long userId) throws SQLException {
        List<Device> devices = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT d.id, d.device_key, d.type, d.name, d.os, d.created_at, d.last_seen_at,"
                        + " EXISTS (SELECT 1 FROM sessions s WHERE s.device_id = d.id AND s.revoked_at IS NULL AND s.expires_at > now())"
                        + " FROM devices d WHERE d.user_id = ? ORDER BY d.last_seen_at DESC, d.id DESC")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devices.add(new Device(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Optional.ofNullable(rs.getString(5)), rs.getTimestamp(6).toInstant(),
                            rs.getTimestamp(7).toInstant(), rs.getBoolean(8)));
                }
            }
        }
        return devices;
    }

    /** Live sessions across all users (for operators), newest first. */
    List<String[]> liveSessions(Connection c, int limit) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT u.username, d.name, d.type, s.created_at, d.last_seen_at, s.id FROM sessions s"
                        + " JOIN users u ON u.id = s.user_id JOIN devices d ON d.id = s.device_id"
                        + " WHERE s.revoked_at IS NULL AND s.expires_at > now() ORDER BY d.last_seen_at DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant().toString(), rs.getTimestamp(5).toInstant().toString(),
                            rs.getObject(6, UUID.class).toString()});
                }
            }
        }
        return rows;
    }
}
