package dev.resonance.impl.plugins;

import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.plugin.PluginPermission;
import dev.resonance.api.storage.KeyValueStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link KeyValueStore} one plugin gets: rows of {@code plugin_kv} under its id. The quota check and the write
 * are one transaction under an advisory lock on the plugin's id, so concurrent puts of one plugin (on any node) cannot
 * pass the quota together. Expired entries count for nothing and are deleted when their key is written or the
 * plugin's quota is checked.
 */
final class PluginKeyValueStore implements KeyValueStore {

    private final Database db;
    private final Descriptor plugin;
    private final Clock clock;

    PluginKeyValueStore(Database db, Descriptor plugin, Clock clock) {
        this.db = db;
        this.plugin = plugin;
        this.clock = clock;
    }

    private long quota() {
        PermittedCatalog.require(plugin, PluginPermission.STORAGE);
        return plugin.permissions().get(PluginPermission.STORAGE).maxBytes();
    }

    private static void check(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw ResonanceException.invalid("plugin_key", "A key is 1.." + MAX_KEY_LENGTH + " characters");
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        quota();
        check(key);
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT value FROM plugin_kv WHERE plugin_id = ? AND key = ?"
                + " AND (expires_at IS NULL OR expires_at > ?)")) {
                s.setString(1, plugin.id());
                s.setString(2, key);
                s.setTimestamp(3, Timestamp.from(clock.instant()));
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    @Override
    public void put(String key, byte[] value, Optional<Duration> ttl) {
        long quota = quota();
        check(key);
        Objects.requireNonNull(value, "value");
        Timestamp now = Timestamp.from(clock.instant());
        db.inTransaction(c -> {
            lock(c);
            try (PreparedStatement purge = c.prepareStatement(
                "DELETE FROM plugin_kv WHERE plugin_id = ? AND expires_at IS NOT NULL AND expires_at <= ?")) {
                purge.setString(1, plugin.id());
                purge.setTimestamp(2, now);
                purge.executeUpdate();
            }
            long others = used(c, Optional.of(key));
            long needed = others + key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + value.length;
            if (needed > quota) {
                throw ResonanceException.tooLarge("plugin_storage_full", "Plugin " + plugin.id() + " store would hold "
                    + needed + " bytes; its descriptor allows " + quota);
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO plugin_kv (plugin_id, key, value, expires_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (plugin_id, key) DO UPDATE SET value = excluded.value,"
                + " expires_at = excluded.expires_at")) {
                s.setString(1, plugin.id());
                s.setString(2, key);
                s.setBytes(3, value);
                s.setTimestamp(4, ttl.map(t -> Timestamp.from(clock.instant().plus(t))).orElse(null));
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean delete(String key) {
        quota();
        check(key);
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM plugin_kv WHERE plugin_id = ? AND key = ?")) {
                s.setString(1, plugin.id());
                s.setString(2, key);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public long usedBytes() {
        quota();
        return db.read(c -> used(c, Optional.empty()));
    }

    private long used(Connection c, Optional<String> except) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce(sum(octet_length(key) + octet_length(value)), 0)"
            + " FROM plugin_kv WHERE plugin_id = ? AND (expires_at IS NULL OR expires_at > ?) AND key IS DISTINCT FROM ?")) {
            s.setString(1, plugin.id());
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            s.setString(3, except.orElse(null));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Serialises this plugin's writers, on every node: a transaction-scoped advisory lock on its id. */
    private void lock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('plugin_kv:' || ?))")) {
            s.setString(1, plugin.id());
            s.execute();
        }
    }
}
