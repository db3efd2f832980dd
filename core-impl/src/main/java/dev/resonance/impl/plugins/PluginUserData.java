package dev.resonance.impl.plugins;

import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.plugin.PluginPermission;
import dev.resonance.api.user.UserData;
import dev.resonance.api.user.UserRef;
import dev.resonance.impl.events.EventLog;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.events.UserEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@link UserData} one plugin gets. Events it publishes go into the user's sync log as
 * {@code plugin.<id>.<type>} in their own transaction, then to the user's devices through sync's publisher (when sync
 * runs; otherwise devices get them by catch-up).
 */
final class PluginUserData implements UserData {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9.-]{1,40}");

    private final Database db;
    private final Descriptor plugin;
    private final Supplier<EventPublisher> publisher;

    PluginUserData(Database db, Descriptor plugin, Supplier<EventPublisher> publisher) {
        this.db = db;
        this.plugin = plugin;
        this.publisher = publisher;
    }

    private void permitted() {
        PermittedCatalog.require(plugin, PluginPermission.USER_DATA);
    }

    @Override
    public List<UserRef> users() {
        permitted();
        return db.read(c -> {
            List<UserRef> users = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT id, username FROM users WHERE NOT disabled ORDER BY id")) {
                while (rs.next()) {
                    users.add(new UserRef(rs.getLong(1), rs.getString(2)));
                }
            }
            return users;
        });
    }

    @Override
    public List<Long> likedTracks(long userId, int limit) {
        permitted();
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1 to 10000: " + limit);
        }
        return db.read(c -> {
            requireUser(c, userId);
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT l.item_id FROM liked_tracks l JOIN tracks t ON t.id = l.item_id"
                + " WHERE l.user_id = ? AND t.missing_since IS NULL ORDER BY l.liked_at DESC, l.item_id DESC LIMIT ?")) {
                s.setLong(1, userId);
                s.setInt(2, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public long publish(long userId, String type, Map<String, ?> payload) {
        permitted();
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("an event type is 1 to 40 characters of [a-z0-9.-]: " + type);
        }
        Objects.requireNonNull(payload, "payload");
        byte[] json;
        try {
            json = EventLog.JSON.writeValueAsBytes(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the payload is not JSON-serialisable: " + e.getOriginalMessage());
        }
        if (json.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the payload is " + json.length + " bytes of JSON, more than "
                + MAX_PAYLOAD_BYTES);
        }
        if (new String(json, StandardCharsets.UTF_8).contains("\\u0000")) {
            throw new IllegalArgumentException("the payload holds a NUL character (PostgreSQL's jsonb cannot keep one)");
        }
        UserEvent event = db.inTransaction(c -> {
            requireUser(c, userId);
            return EventLog.append(c, userId, Optional.empty(), "plugin." + plugin.id() + "." + type, payload);
        });
        publisher.get().published(userId, event);
        return event.seq();
    }

    private static void requireUser(Connection c, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
            s.setLong(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw ResonanceException.notFound("user_not_found", "No user " + userId);
                }
            }
        }
    }
}
