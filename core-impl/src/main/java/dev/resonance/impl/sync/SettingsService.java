package dev.resonance.impl.sync;

import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.events.EventLog;
import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A user's server-synced settings ({@link SyncedSettings}). An update is partial (only the keys sent), validated as a
 * whole before anything is written, and appends one {@code settings.changed} event with the values that really
 * changed — in the same transaction. {@code null} resets a key to its default.
 */
public final class SettingsService {

    /** The settings (defaults filled in) and the user's sequence number they correspond to. */
    public record Settings(Map<String, JsonNode> settings, long seq) {
    }

    private final Database db;
    private final EventPublisher publisher;

    public SettingsService(Database db, EventPublisher publisher) {
        this.db = db;
        this.publisher = publisher;
    }

    public Settings get(Caller caller) {
        return db.inTransaction(c -> new Settings(current(c, caller.userId()), EventLog.currentSeq(c, caller.userId())));
    }

    public Settings update(Caller caller, JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ResonanceException.invalid("invalid_settings", "Send a JSON object of settings to change, e.g. {\"ui.theme\":\"dark\"}");
        }
        Map<String, JsonNode> requested = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            requested.put(field.getKey(), value.isNull() ? null : SyncedSettings.validated(field.getKey(), value));
            if (value.isNull()) {
                SyncedSettings.validated(field.getKey(), SyncedSettings.defaults().get(field.getKey()));
            }
        }
        Map<String, JsonNode> defaults = SyncedSettings.defaults();
        Result result = db.inTransaction(c -> {
            Map<String, JsonNode> before = current(c, caller.userId());
            Map<String, JsonNode> changed = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : requested.entrySet()) {
                JsonNode after = entry.getValue() == null ? defaults.get(entry.getKey()) : entry.getValue();
                if (!after.equals(before.get(entry.getKey()))) {
                    write(c, caller.userId(), entry.getKey(), entry.getValue());
                    changed.put(entry.getKey(), after);
                }
            }
            Optional<UserEvent> event = changed.isEmpty() ? Optional.empty()
                    : Optional.of(EventLog.append(c, caller.userId(), Optional.of(caller.deviceId()), "settings.changed",
                    Map.of("changed", changed)));
            return new Result(new Settings(current(c, caller.userId()), EventLog.currentSeq(c, caller.userId())), event);
        });
        result.event().ifPresent(e -> publisher.published(caller.userId(), e));
        return result.settings();
    }

    private record Result(Settings settings, Optional<UserEvent> event) {
    }

    /** The user's settings with defaults for the keys never set (stored keys no longer known are left out). */
    public static Map<String, JsonNode> current(Connection c, long userId) throws SQLException {
        Map<String, JsonNode> values = SyncedSettings.defaults();
        try (PreparedStatement ps = c.prepareStatement("SELECT key, value::text FROM user_settings WHERE user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (values.containsKey(rs.getString(1))) {
                        values.put(rs.getString(1), EventLog.tree(rs.getString(2)));
                    }
                }
            }
        }
        return values;
    }

    private static void write(Connection c, long userId, String key, JsonNode value) throws SQLException {
        if (value == null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_settings WHERE user_id = ? AND key = ?")) {
                ps.setLong(1, userId);
                ps.setString(2, key);
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_settings (user_id, key, value) VALUES (?, ?, ?::jsonb)"
                + " ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value, updated_at = now()")) {
            ps.setLong(1, userId);
            ps.setString(2, key);
            ps.setString(3, EventLog.text(value));
            ps.executeUpdate();
        }
    }
}
