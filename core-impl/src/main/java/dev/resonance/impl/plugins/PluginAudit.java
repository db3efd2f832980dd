package dev.resonance.impl.plugins;

import dev.resonance.api.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every plugin action (table {@code plugin_audit}), logs it, and publishes it as an OSGi event on topic
 * {@value #TOPIC_PREFIX}{@code <action>} (e.g. {@code dev/resonance/plugins/ENABLED}; properties {@code plugin},
 * {@code version}, {@code user} when an admin acted) for whoever listens, plugins included.
 */
public final class PluginAudit implements Consumer<PluginManager.Action> {

    /** The topic prefix of plugin events; the action follows in upper case without {@code plugin.}. */
    public static final String TOPIC_PREFIX = "dev/resonance/plugins/";

    private static final Logger LOG = LoggerFactory.getLogger(PluginAudit.class);

    /** One recorded action. */
    public record Entry(Instant at, String action, String pluginId, String version, Optional<Long> userId) {
    }

    private final Database db;
    private final Supplier<Optional<EventAdmin>> events;

    PluginAudit(Database db, Supplier<Optional<EventAdmin>> events) {
        this.db = db;
        this.events = events;
    }

    @Override
    public void accept(PluginManager.Action action) {
        LOG.info("Audit: {} {} {} by {}", action.action(), action.pluginId(), action.version(),
            action.by().map(id -> "user " + id).orElse("the operator"));
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO plugin_audit (action, plugin_id, version, user_id) VALUES (?, ?, ?, ?)")) {
                s.setString(1, action.action());
                s.setString(2, action.pluginId());
                s.setString(3, action.version());
                if (action.by().isPresent()) {
                    s.setLong(4, action.by().get());
                } else {
                    s.setNull(4, Types.BIGINT);
                }
                return s.executeUpdate();
            }
        });
        events.get().ifPresent(admin -> {
            Map<String, Object> properties = new HashMap<>();
            properties.put("plugin", action.pluginId());
            properties.put("version", action.version());
            action.by().ifPresent(user -> properties.put("user", user));
            admin.postEvent(new Event(TOPIC_PREFIX + action.action().replaceFirst("^plugin\\.", "")
                .toUpperCase(java.util.Locale.ROOT), properties));
        });
    }

    /** The last {@code limit} actions, oldest first. */
    public List<Entry> recent(int limit) {
        return db.read(c -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT at, action, plugin_id, version, user_id FROM"
                + " (SELECT * FROM plugin_audit ORDER BY id DESC LIMIT ?) last ORDER BY id")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long user = rs.getLong(5);
                        entries.add(new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.wasNull() ? Optional.empty() : Optional.of(user)));
                    }
                }
            }
            return entries;
        });
    }
}
