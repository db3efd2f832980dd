package dev.resonance.impl.auth;

import dev.resonance.api.db.Database;
import java.nio.charset.StandardCharsets;

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
        return dev.resonance.impl.db.ServerSecrets.stored(db, SETTING, 64);
    }
}
