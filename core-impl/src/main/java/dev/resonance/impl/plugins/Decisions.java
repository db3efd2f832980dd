package dev.resonance.impl.plugins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What admins decided about plugins (table {@code plugins}): enabled or not, and which permissions they approved for
 * which version. The source of truth the manager re-applies at every start.
 */
final class Decisions {

    /**
     * One plugin's decision.
     *
     * @param enabled whether the admin wants it running
     * @param approvedVersion the version whose permissions were approved, when any
     * @param approved the approved permissions, as the descriptor names them, with their hosts and quota
     */
    record Decision(boolean enabled, Optional<String> approvedVersion, Map<String, Descriptor.Grant> approved) {
        static final Decision NONE = new Decision(false, Optional.empty(), Map.of());

        /** Whether everything {@code descriptor} asks for was approved (same hosts or fewer, same quota or less). */
        boolean covers(Descriptor descriptor) {
            for (Map.Entry<String, Descriptor.Grant> asked : descriptor.permissionsByName().entrySet()) {
                Descriptor.Grant granted = approved.get(asked.getKey());
                if (granted == null || !granted.hosts().containsAll(asked.getValue().hosts())
                    || granted.maxBytes() < asked.getValue().maxBytes()) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Descriptor.Grant>> GRANTS = new TypeReference<>() {
    };

    private final Database db;

    Decisions(Database db) {
        this.db = db;
    }

    Map<String, Decision> all() {
        return db.read(c -> {
            Map<String, Decision> all = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                "SELECT id, enabled, approved_version, approved_permissions::text FROM plugins");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getString(1), new Decision(rs.getBoolean(2), Optional.ofNullable(rs.getString(3)),
                        grants(rs.getString(4))));
                }
            }
            return all;
        });
    }

    /** Enables {@code id} approving what {@code descriptor} asks for, or disables it (approvals kept). */
    Decision save(String id, boolean enabled, Optional<Descriptor> approving, Optional<Long> by) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO plugins (id, enabled, approved_version, approved_permissions, updated_at, updated_by)
                VALUES (?, ?, ?, ?::jsonb, now(), ?)
                ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled,
                    approved_version = coalesce(excluded.approved_version, plugins.approved_version),
                    approved_permissions = CASE WHEN excluded.approved_version IS NULL
                        THEN plugins.approved_permissions ELSE excluded.approved_permissions END,
                    updated_at = now(), updated_by = excluded.updated_by
                RETURNING enabled, approved_version, approved_permissions::text""")) {
                s.setString(1, id);
                s.setBoolean(2, enabled);
                s.setString(3, approving.map(Descriptor::version).orElse(null));
                s.setString(4, json(approving.map(Descriptor::permissionsByName).orElse(Map.of())));
                if (by.isPresent()) {
                    s.setLong(5, by.get());
                } else {
                    s.setNull(5, Types.BIGINT);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Decision(rs.getBoolean(1), Optional.ofNullable(rs.getString(2)), grants(rs.getString(3)));
                }
            }
        });
    }

    /** Forgets {@code id} and deletes its store (uninstall). */
    void forget(String id) {
        db.inTransaction(c -> {
            for (String sql : List.of("DELETE FROM plugins WHERE id = ?", "DELETE FROM plugin_kv WHERE plugin_id = ?",
                "DELETE FROM plugin_jobs WHERE plugin_id = ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, id);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    private static Map<String, Descriptor.Grant> grants(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, GRANTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable approved_permissions: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(Map<String, Descriptor.Grant> grants) {
        try {
            return JSON.writeValueAsString(grants);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
