package dev.resonance.impl.auth;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import dev.resonance.api.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Users and their permission overrides in PostgreSQL. All SQL of accounts lives here. */
final class AccountStore {

    /** The account row needed to check a password; the hash never leaves the auth package. */
    record Credentials(long id, String username, String passwordHash, boolean disabled) {
    }

    private static final String ACCOUNT_COLUMNS = "u.id, u.username, u.display_name, u.role, u.disabled, u.created_at";

    private final Database db;
    private final java.time.Clock clock; // decides which grants and denials have expired, so tests can move time

    AccountStore(Database db, java.time.Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM users"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Optional<Credentials> credentials(String username) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, username, password_hash, disabled FROM users WHERE lower(username) = lower(?)")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Credentials(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                            : Optional.empty();
                }
            }
        });
    }

    Optional<String> passwordHash(long userId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Inserts a user; an existing username (any case) yields empty. */
    Optional<Long> insert(Connection c, String username, String passwordHash, Role role, Optional<String> displayName)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (username, password_hash, role, display_name) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT ((lower(username))) DO NOTHING RETURNING id")) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, role.name());
            ps.setString(4, displayName.orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    Optional<Account> find(long id) {
        return db.inTransaction(c -> find(c, id));
    }

    Optional<Account> find(Connection c, long id) throws SQLException {
        List<Account> found = load(c, "WHERE u.id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** A page of accounts ordered by id, after {@code afterId} (keyset pagination). */
    List<Account> list(long afterId, int limit) {
        return db.inTransaction(c -> load(c, "WHERE u.id > ? ORDER BY u.id LIMIT " + Math.max(1, Math.min(limit, 500)), afterId));
    }

    private List<Account> load(Connection c, String where, long param) throws SQLException {
        Map<Long, Object[]> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM users u " + where)) {
            ps.setLong(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)),
                            rs.getBoolean(5), rs.getTimestamp(6).toInstant()});
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Account.PermissionOverride>> overrides = overrides(c, rows.keySet(), clock.instant());
        List<Account> accounts = new ArrayList<>(rows.size());
        for (Map.Entry<Long, Object[]> e : rows.entrySet()) {
            Object[] r = e.getValue();
            Role role = (Role) r[2];
            List<Account.PermissionOverride> own = overrides.getOrDefault(e.getKey(), List.of());
            accounts.add(new Account(e.getKey(), (String) r[0], Optional.ofNullable((String) r[1]), role, (Boolean) r[3],
                    (Instant) r[4], effective(role, own), own));
        }
        return accounts;
    }

    private static Map<Long, List<Account.PermissionOverride>> overrides(Connection c, Set<Long> userIds, Instant now) throws SQLException {
        Map<Long, List<Account.PermissionOverride>> result = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, permission, effect, expires_at FROM user_permissions"
                        + " WHERE user_id = ANY (?) AND (expires_at IS NULL OR expires_at > ?) ORDER BY permission")) {
            ps.setArray(1, c.createArrayOf("bigint", userIds.toArray()));
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<Permission> permission = Permission.parse(rs.getString(2));
                    if (permission.isEmpty()) {
                        continue; // a permission removed from this build: ignore, do not fail
                    }
                    Timestamp expires = rs.getTimestamp(4);
                    result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Account.PermissionOverride(permission.get(), Account.Effect.valueOf(rs.getString(3)),
                                    Optional.ofNullable(expires).map(Timestamp::toInstant)));
                }
            }
        }
        return result;
    }

    static Set<Permission> effective(Role role, List<Account.PermissionOverride> overrides) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(role.defaultPermissions());
        for (Account.PermissionOverride o : overrides) {
            if (o.effect() == Account.Effect.GRANT) {
                permissions.add(o.permission());
            } else {
                permissions.remove(o.permission());
            }
        }
        return permissions;
    }

    /** Updates the given fields; returns false when the user does not exist. */
    boolean update(Connection c, long id, Optional<Role> role, Optional<Optional<String>> displayName, Optional<Boolean> disabled)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET role = coalesce(?, role),"
                + " display_name = CASE WHEN ? THEN ? ELSE display_name END,"
                + " disabled = coalesce(?, disabled), updated_at = now() WHERE id = ?")) {
            ps.setString(1, role.map(Role::name).orElse(null));
            ps.setBoolean(2, displayName.isPresent());
            ps.setString(3, displayName.flatMap(d -> d).orElse(null));
            ps.setObject(4, disabled.orElse(null));
            ps.setLong(5, id);
            return ps.executeUpdate() == 1;
        }
    }

    boolean setPassword(Connection c, long id, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET password_hash = ?, password_changed_at = now(), updated_at = now() WHERE id = ?")) {
            ps.setString(1, hash);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Serialises every change that can take {@link Permission#MANAGE_PERMISSIONS} away from someone (role, disabled,
     * delete, permission overrides) for the rest of the transaction, across all nodes: the administrator count read
     * after it is not changed by anyone else before this transaction ends.
     */
    void lockAdministration(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('resonance.administration'))")) {
            ps.execute();
        }
    }

    /**
     * How many enabled users effectively hold ManagePermissions now: the role's default and the user's live override,
     * combined by {@link #effective} (the rule permission checks use, not a copy of it in SQL).
     */
    long countAdministrators(Connection c) throws SQLException {
        Permission manage = Permission.MANAGE_PERMISSIONS;
        List<String> carrying = java.util.Arrays.stream(Role.values()).filter(r -> r.defaultPermissions().contains(manage))
                .map(Role::name).toList();
        try (PreparedStatement ps = c.prepareStatement("SELECT u.role, p.effect, p.expires_at FROM users u"
                + " LEFT JOIN user_permissions p ON p.user_id = u.id AND p.permission = ?"
                + " AND (p.expires_at IS NULL OR p.expires_at > ?)"
                + " WHERE NOT u.disabled AND (u.role = ANY (?) OR p.user_id IS NOT NULL)")) {
            ps.setString(1, manage.apiName());
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setArray(3, c.createArrayOf("text", carrying.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                long holders = 0;
                while (rs.next()) {
                    List<Account.PermissionOverride> own = rs.getString(2) == null ? List.of()
                            : List.of(new Account.PermissionOverride(manage, Account.Effect.valueOf(rs.getString(2)),
                                    Optional.ofNullable(rs.getTimestamp(3)).map(Timestamp::toInstant)));
                    if (effective(Role.valueOf(rs.getString(1)), own).contains(manage)) {
                        holders++;
                    }
                }
                return holders;
            }
        }
    }

    /** Replaces any override of {@code permission} for the user. */
    void putOverride(Connection c, long userId, Permission permission, Account.Effect effect, Optional<Instant> expiresAt,
                     Optional<Long> by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO user_permissions (user_id, permission, effect, expires_at, granted_by) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (user_id, permission) DO UPDATE SET effect = excluded.effect,"
                        + " expires_at = excluded.expires_at, granted_by = excluded.granted_by, created_at = now()")) {
            ps.setLong(1, userId);
            ps.setString(2, permission.apiName());
            ps.setString(3, effect.name());
            ps.setTimestamp(4, expiresAt.map(Timestamp::from).orElse(null));
            ps.setObject(5, by.orElse(null));
            ps.executeUpdate();
        }
    }

    void removeOverride(Connection c, long userId, Permission permission) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_permissions WHERE user_id = ? AND permission = ?")) {
            ps.setLong(1, userId);
            ps.setString(2, permission.apiName());
            ps.executeUpdate();
        }
    }
}
