package dev.resonance.impl.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The one-time code that lets the first account (the administrator) be registered from another machine. Random per
 * start, kept only in this node's memory, shown in the log and by {@code resonance:setup-code}, and dead once the
 * first account exists: whoever reaches a fresh server over the network first cannot make themselves its admin
 * without having seen the server's log or shell.
 */
final class SetupCode {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray(); // no 0/O, 1/I/L

    private final String code;
    private volatile boolean used;

    private SetupCode(String code) {
        this.code = code;
    }

    /** 3 groups of 4 characters: about 59 bits, far beyond what the login rate limit lets anyone try. */
    static SetupCode random() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return new SetupCode(code.toString());
    }

    /** The code while it can still be used. */
    Optional<String> value() {
        return used ? Optional.empty() : Optional.of(code);
    }

    /** Case, spaces and dashes do not matter; compared in constant time. */
    boolean matches(String candidate) {
        if (used || candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(canonical(code).getBytes(StandardCharsets.US_ASCII),
                canonical(candidate).getBytes(StandardCharsets.US_ASCII));
    }

    void markUsed() {
        used = true;
    }

    private static String canonical(String text) {
        return text.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
