package dev.resonance.impl.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id with OWASP's recommended parameters (19 MiB, 2 iterations, 1 lane). Hashes are PHC strings, so the
 * parameters travel with each hash and can be raised later without invalidating old ones.
 */
final class PasswordHasher {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 512;

    private final Argon2Function argon2;
    // verified when the user does not exist, so the answer takes as long as for a real user
    private final String decoy;

    PasswordHasher() {
        this(19 * 1024, 2);
    }

    /** Lighter parameters exist for tests only; production uses the default constructor. */
    PasswordHasher(int memoryKiB, int iterations) {
        this.argon2 = Argon2Function.getInstance(memoryKiB, iterations, 1, 32, Argon2.ID, 19);
        this.decoy = hash("decoy password that matches nobody");
    }

    String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
    }

    boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the time a real check would, for a user that does not exist; always false. */
    boolean decoyCheck(String password) {
        matches(password == null ? "" : password, decoy);
        return false;
    }

    /** Why a new password is not acceptable, or null. */
    static String problemWith(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "The password must have at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "The password must have at most " + MAX_LENGTH + " characters";
        }
        if (password.isBlank()) {
            return "The password cannot be only spaces";
        }
        return null;
    }
}
