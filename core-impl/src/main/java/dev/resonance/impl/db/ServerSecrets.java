package dev.resonance.impl.db;

import dev.resonance.api.db.Database;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;

/**
 * Server-wide random keys kept in {@code server_settings}: generated once by whichever node asks first, then the
 * same for every node of a cluster and every restart. Never logged.
 */
public final class ServerSecrets {

    private ServerSecrets() {
    }

    /** The key stored under {@code setting}, created with {@code bytes} random bytes if there is none yet. */
    public static byte[] stored(Database db, String setting, int bytes) {
        byte[] generated = new byte[bytes];
        new SecureRandom().nextBytes(generated);
        String encoded = Base64.getEncoder().encodeToString(generated);
        String stored = db.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO server_settings (key, value) VALUES (?, to_jsonb(?::text)) ON CONFLICT (key) DO NOTHING")) {
                insert.setString(1, setting);
                insert.setString(2, encoded);
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("SELECT value #>> '{}' FROM server_settings WHERE key = ?")) {
                select.setString(1, setting);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        return Base64.getDecoder().decode(stored);
    }
}
