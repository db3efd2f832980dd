package dev.resonance.impl.auth;

import dev.resonance.api.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;

/**
 * The key that signs access tokens: JWT_SECRET when configured, else a random 512-bit key generated once and
 * kept in the database, so every node of a cluster (and every restart) signs with the same key.
 */
final class JwtSecret {

    static final int MIN_BYTES = 32;
    private static final String SETTING = "jwt_secret";

    private JwtSecret() {
    }

    static byte[] resolve(String configured, Database db) {
        if (configured != null && !configured.isEmpty()) {
            byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_BYTES) {
                throw new IllegalArgumentException("JWT_SECRET must be at least " + MIN_BYTES
                        + " characters long (e.g. openssl rand -base64 48)");
            }
            return bytes;
        }
        byte[] generated = new byte[64];
        new SecureRandom().nextBytes(generated);
        String encoded = Base64.getEncoder().encodeToString(generated);
        String stored = db.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO server_settings (key, value) VALUES (?, to_jsonb(?::text)) ON CONFLICT (key) DO NOTHING")) {
                insert.setString(1, SETTING);
                insert.setString(2, encoded);
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("SELECT value #>> '{}' FROM server_settings WHERE key = ?")) {
                select.setString(1, SETTING);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        return Base64.getDecoder().decode(stored);
    }
}
