package dev.resonance.impl.auth;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App passwords: secrets a user creates in their account for apps whose protocol needs the server to know the secret
 * (Subsonic's token is md5(secret + salt), which no password hash can check). The account password is never one of
 * them. Each is the session of a device of its own ({@code V18__app_passwords.sql}): it is listed with the user's
 * devices, forgetting that device revokes it, and whatever ends sessions ends it (a disabled account, a password change
 * or reset), through the same live-session checks as a signed-in app.
 *
 * <p>Stored encrypted (AES-256-GCM under a server key kept in {@code server_settings}, the session id as associated
 * data) so that the server can check a token; found by an HMAC of the secret when it is presented alone (an API key).
 * The secret is shown once, when it is created. Checks go through the sign-in lock-outs: a username's failures and a
 * client address's failures lock as wrong passwords at sign-in do.
 */
public final class AppPasswords {

    private static final Logger LOG = LoggerFactory.getLogger(AppPasswords.class);

    /** At most this many live app passwords per user. */
    public static final int MAX_PER_USER = 20;
    /** The secret's letters: no 0/o, 1/l, to be typed from a screen into a phone. 32 of them: 5 bits each. */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    /** 20 letters (100 bits), in groups of 4. */
    private static final int GROUPS = 5;
    private static final int GROUP = 4;
    /** How long an app password's session lasts: until it is revoked. */
    private static final Duration FOREVER = Duration.ofDays(100 * 365);
    /** Last use is written at most this often per app password (a client makes a request per song). */
    private static final Duration USE_RESOLUTION = Duration.ofMinutes(1);
    static final String DEVICE_KEY_PREFIX = "app:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;

    /** A new app password: the only time its secret is shown. */
    public record Created(UUID id, String name, String secret, String hint, long deviceId, Instant createdAt) {
    }

    /** An app password in the user's list: never its secret. */
    public record Listed(UUID id, String name, String hint, long deviceId, Instant createdAt, Optional<Instant> lastUsedAt) {
    }

    /** How an app presents an app password. */
    public sealed interface Credentials permits Password, Token, ApiKey {
    }

    /** The username and the secret itself (Subsonic's {@code u} + {@code p}, already decoded). */
    public record Password(String username, String secret) implements Credentials {
    }

    /** The username, md5(secret + salt) in hex, and the salt (Subsonic's {@code u} + {@code t} + {@code s}). */
    public record Token(String username, String md5Hex, String salt) implements Credentials {
    }

    /** The secret alone (OpenSubsonic's {@code apiKey}): it names its user. */
    public record ApiKey(String key) implements Credentials {
    }

    /** The server's two keys: one encrypts the secrets, one finds them. */
    record Keys(byte[] encryption, byte[] lookup) {
    }

    private final Database db;
    private final SessionStore sessions;
    private final AccountStore accounts;
    private final Supplier<LoginThrottle> throttle;
    private final BiFunction<Long, UUID, Optional<Caller>> sessionCaller;
    private final Runnable sessionsChanged;
    private final Supplier<Keys> keys;

    AppPasswords(Database db, SessionStore sessions, AccountStore accounts, Supplier<LoginThrottle> throttle,
                 BiFunction<Long, UUID, Optional<Caller>> sessionCaller, Runnable sessionsChanged, Supplier<Keys> keys) {
        this.db = db;
        this.sessions = sessions;
        this.accounts = accounts;
        this.throttle = throttle;
        this.sessionCaller = sessionCaller;
        this.sessionsChanged = sessionsChanged;
        this.keys = keys;
    }

    /** A new app password of the caller named {@code name} (the app it is for: "DSub on my phone"). */
    public Created create(Caller caller, String name) {
        String clean = name == null ? "" : dev.resonance.impl.input.InputRules.text("name", name).strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw ResonanceException.invalid("invalid_field", "An app password's name is 1 to 100 characters: the app it is for");
        }
        String secret = newSecret();
        Keys k = keys.get();
        Created created = db.inTransaction(c -> {
            if (live(c, caller.userId()).size() >= MAX_PER_USER) {
                throw ResonanceException.conflict("too_many_app_passwords", "You have " + MAX_PER_USER
                        + " app passwords: revoke one you no longer use first");
            }
            UUID device = UUID.randomUUID();
            long deviceId = sessions.upsertDevice(c, caller.userId(), DEVICE_KEY_PREFIX + device, "subsonic", clean, Optional.empty());
            byte[] unusable = new byte[32]; // no refresh token: the session is used only through the app password
            RANDOM.nextBytes(unusable);
            UUID id = sessions.createSession(c, caller.userId(), deviceId, unusable, Instant.now().plus(FOREVER));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_passwords (session_id, user_id, name, secret, lookup, hint)"
                    + " VALUES (?, ?, ?, ?, ?, ?) RETURNING created_at")) {
                ps.setObject(1, id);
                ps.setLong(2, caller.userId());
                ps.setString(3, clean);
                ps.setBytes(4, encrypt(k, id, secret));
                ps.setBytes(5, lookup(k, secret));
                ps.setString(6, hint(secret));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Created(id, clean, secret, hint(secret), deviceId, rs.getTimestamp(1).toInstant());
                }
            }
        });
        forget(caller.userId());
        LOG.info("User {} created an app password '{}' (device {})", caller.username(), clean, created.deviceId());
        return created;
    }

    /** The caller's live app passwords, newest first. */
    public List<Listed> list(Caller caller) {
        return db.read(c -> {
            List<Listed> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT a.session_id, a.name, a.hint, s.device_id, a.created_at, a.last_used_at"
                    + " FROM app_passwords a JOIN sessions s ON s.id = a.session_id WHERE a.user_id = ? AND s.revoked_at IS NULL"
                    + " AND s.expires_at > now() ORDER BY a.created_at DESC, a.session_id")) {
                ps.setLong(1, caller.userId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Listed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4),
                                rs.getTimestamp(5).toInstant(), Optional.ofNullable(rs.getTimestamp(6)).map(java.sql.Timestamp::toInstant)));
                    }
                }
            }
            return found;
        });
    }

    /** Revokes the caller's app password {@code id}: its device goes, and every app using it is refused from now on. */
    public void revoke(Caller caller, UUID id) {
        boolean gone;
        try {
            gone = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM devices d USING sessions s, app_passwords a"
                        + " WHERE a.session_id = ? AND a.user_id = ? AND s.id = a.session_id AND d.id = s.device_id")) {
                    ps.setObject(1, id);
                    ps.setLong(2, caller.userId());
                    return ps.executeUpdate() == 1;
                }
            });
        } finally {
            forget(caller.userId());
            sessionsChanged.run();
        }
        if (!gone) {
            throw ResonanceException.notFound("You have no app password " + id);
        }
        LOG.info("User {} revoked an app password ({})", caller.username(), id);
    }

    /**
     * The caller an app password stands for, as a session of its device; 401 {@code invalid_credentials} when the
     * credentials match no live app password (or its user is disabled), 429 {@code login_locked} while the username or
     * {@code clientAddress} is locked after repeated failures.
     *
     * <p>Apps send credentials with every request, so this is on the hot path: the exact credential verified within
     * {@link #REMEMBER_VERIFIED} is taken again without reading the app passwords or the lock-outs (its session is still
     * checked live, so revoking it, forgetting its device or disabling the user refuses it at once on this node and
     * within the live-session recheck on others); a user's decrypted app passwords are kept {@link #REMEMBER_SECRETS}
     * to check tokens with fresh salts. A lock-out thus stops guessing, not an app that was already signed in.
     */
    public Caller verify(Credentials credentials, String clientAddress) {
        // Subsonic apps send their credentials with every request: a credential verified a moment ago is taken again
        // without the database (its session is still checked live, so a revocation or a disabled user applies as for
        // any signed-in app); only a new credential (a token with a fresh salt) goes through the lock-out checks
        String key = cacheKey(credentials);
        Verified hit = verified.get(key);
        Instant now = Instant.now();
        if (hit != null && hit.until().isAfter(now)) {
            Optional<Caller> caller = sessionCaller.apply(hit.userId(), hit.sessionId());
            if (caller.isPresent()) {
                touch(hit.sessionId(), now);
                return caller.get();
            }
            verified.remove(key);
        }
        Optional<String> username = credentials instanceof Password p ? Optional.ofNullable(p.username())
                : credentials instanceof Token t ? Optional.ofNullable(t.username()) : Optional.empty();
        List<String> subjects = new ArrayList<>();
        username.filter(u -> !u.isEmpty()).ifPresent(u -> subjects.add(LoginThrottle.user(u)));
        subjects.add(LoginThrottle.address(clientAddress));
        LoginThrottle rules = throttle.get();
        LoginThrottle.State state = rules.knownClear(subjects) ? LoginThrottle.CLEAR : db.read(c -> rules.state(c, subjects));
        if (state.locked().isPresent()) {
            throw ResonanceException.tooManyRequests("login_locked", "Too many failed sign-ins for this account or address.",
                    state.locked().get());
        }
        Optional<Found> found = match(credentials);
        Optional<Caller> caller = found.flatMap(f -> sessionCaller.apply(f.userId(), f.sessionId()));
        if (caller.isEmpty()) {
            Optional<Duration> lock = db.inTransaction(c -> rules.recordFailure(c, subjects));
            LOG.warn("App password refused{} from {}{}", username.map(u -> " for '" + AuthService.printable(u) + "'").orElse(""),
                    clientAddress, lock.map(l -> " (locked for " + l.toSeconds() + " s)").orElse(""));
            throw ResonanceException.unauthenticated("invalid_credentials", "Wrong username or app password");
        }
        if (state.failures()) {
            db.inTransaction(c -> {
                rules.clear(c, subjects);
                return null;
            });
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear(); // a flood of distinct credentials (fresh salts): start over rather than grow
        }
        verified.put(key, new Verified(found.get().userId(), found.get().sessionId(), now.plus(REMEMBER_VERIFIED)));
        touch(found.get().sessionId(), now);
        return caller.get();
    }

    /** A credential verified lately: whose session it opens, until when it is taken without checking it again. */
    private record Verified(long userId, UUID sessionId, Instant until) {
    }

    /** How long a verified credential is taken again without the database (its session is checked live each time). */
    static final Duration REMEMBER_VERIFIED = Duration.ofMinutes(5);
    /** How long a user's decrypted app passwords are kept to check tokens with fresh salts against. */
    static final Duration REMEMBER_SECRETS = Duration.ofSeconds(30);
    private static final int MAX_REMEMBERED = 10_000;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Map<String, UserSecrets> secrets = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> lastTouched = new ConcurrentHashMap<>();

    /** A user's live app passwords, decrypted, as read at {@code readAt}. */
    private record UserSecrets(long userId, List<Secret> secrets, Instant readAt) {
    }

    private record Secret(UUID sessionId, String secret) {
    }

    /** The credential as a cache key: a SHA-256 of all its parts (no secret is kept in the clear as a key). */
    private static String cacheKey(Credentials credentials) {
        String text = credentials instanceof Password p ? "p\0" + p.username() + "\0" + p.secret()
                : credentials instanceof Token t ? "t\0" + t.username() + "\0" + t.md5Hex() + "\0" + t.salt()
                : "k\0" + ((ApiKey) credentials).key();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks the app password used (and its device seen) in the database at most once per {@link #USE_RESOLUTION} per node. */
    private void touch(UUID sessionId, Instant now) {
        Instant last = lastTouched.get(sessionId);
        if (last != null && last.plus(USE_RESOLUTION).isAfter(now)) {
            return;
        }
        lastTouched.put(sessionId, now);
        db.inTransaction(c -> {
            used(c, sessionId);
            return null;
        });
    }

    /** Forgets what was remembered of {@code userId}'s app passwords (one was created or revoked on this node). */
    private void forget(long userId) {
        secrets.values().removeIf(s -> s.userId() == userId);
        verified.values().removeIf(v -> v.userId() == userId);
    }

    private record Found(long userId, UUID sessionId) {
    }

    /** The live app password the credentials name, if any. */
    private Optional<Found> match(Credentials credentials) {
        Keys k = keys.get();
        if (credentials instanceof ApiKey key) {
            if (key.key() == null || key.key().isEmpty()) {
                return Optional.empty();
            }
            return db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT a.user_id, a.session_id FROM app_passwords a"
                        + " JOIN sessions s ON s.id = a.session_id WHERE a.lookup = ? AND s.revoked_at IS NULL AND s.expires_at > now()")) {
                    ps.setBytes(1, lookup(k, key.key()));
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(new Found(rs.getLong(1), rs.getObject(2, UUID.class))) : Optional.empty();
                    }
                }
            });
        }
        String username = credentials instanceof Password p ? p.username() : ((Token) credentials).username();
        if (username == null || username.isEmpty()) {
            return Optional.empty();
        }
        UserSecrets known = secrets.get(username);
        if (known != null && known.readAt().plus(REMEMBER_SECRETS).isAfter(Instant.now())) {
            Optional<Found> found = matchAmong(credentials, known);
            if (found.isPresent()) {
                return found;
            }
        }
        // not known lately, or none matched: perhaps an app password created since (on another node), so read them again
        Optional<UserSecrets> read = readSecrets(k, username);
        read.ifPresentOrElse(r -> secrets.put(username, r), () -> secrets.remove(username));
        return read.flatMap(r -> matchAmong(credentials, r));
    }

    private static Optional<Found> matchAmong(Credentials credentials, UserSecrets known) {
        for (Secret secret : known.secrets()) {
            if (matches(credentials, secret.secret())) {
                return Optional.of(new Found(known.userId(), secret.sessionId()));
            }
        }
        return Optional.empty();
    }

    /** The live app passwords of the enabled user {@code username}, decrypted; empty for no such (or a disabled) user. */
    private Optional<UserSecrets> readSecrets(Keys k, String username) {
        Instant readAt = Instant.now();
        Optional<AccountStore.Credentials> account = accounts.credentials(username);
        if (account.isEmpty() || account.get().disabled()) {
            return Optional.empty();
        }
        long userId = account.get().id();
        List<Secret> found = new ArrayList<>();
        for (Stored stored : db.read(c -> live(c, userId))) {
            decrypt(k, stored.sessionId(), stored.secret()).ifPresent(secret -> found.add(new Secret(stored.sessionId(), secret)));
        }
        return Optional.of(new UserSecrets(userId, List.copyOf(found), readAt));
    }

    /** Whether a username-and-secret or username-and-token credential is {@code secret}'s (in constant time). */
    static boolean matches(Credentials credentials, String secret) {
        if (credentials instanceof Password p) {
            return p.secret() != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), p.secret().getBytes(StandardCharsets.UTF_8));
        }
        if (credentials instanceof Token t) {
            return t.salt() != null && t.md5Hex() != null && MessageDigest.isEqual(md5Hex(secret + t.salt()).getBytes(StandardCharsets.US_ASCII),
                    t.md5Hex().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        }
        return false;
    }

    private record Stored(UUID sessionId, byte[] secret) {
    }

    private static List<Stored> live(Connection c, long userId) throws SQLException {
        List<Stored> stored = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.session_id, a.secret FROM app_passwords a JOIN sessions s"
                + " ON s.id = a.session_id WHERE a.user_id = ? AND s.revoked_at IS NULL AND s.expires_at > now()")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(new Stored(rs.getObject(1, UUID.class), rs.getBytes(2)));
                }
            }
        }
        return stored;
    }

    /** Marks the app password used now (and its device seen), at most once per {@link #USE_RESOLUTION}. */
    private static void used(Connection c, UUID sessionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH used AS (UPDATE app_passwords SET last_used_at = now()"
                + " WHERE session_id = ? AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => ?))"
                + " RETURNING session_id)"
                + " UPDATE devices d SET last_seen_at = now() FROM sessions s, used WHERE s.id = used.session_id AND d.id = s.device_id")) {
            ps.setObject(1, sessionId);
            ps.setLong(2, USE_RESOLUTION.toSeconds());
            ps.executeUpdate();
        }
    }

    static String newSecret() {
        StringBuilder secret = new StringBuilder(GROUPS * (GROUP + 1));
        for (int g = 0; g < GROUPS; g++) {
            if (g > 0) {
                secret.append('-');
            }
            for (int i = 0; i < GROUP; i++) {
                secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
        }
        return secret.toString();
    }

    private static String hint(String secret) {
        return secret.substring(secret.length() - 4);
    }

    static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    static byte[] encrypt(Keys keys, UUID id, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.encryption(), "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(id.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    static Optional<String> decrypt(Keys keys, UUID id, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.encryption(), "AES"), new GCMParameterSpec(128, stored, 0, NONCE_BYTES));
            cipher.updateAAD(id.toString().getBytes(StandardCharsets.US_ASCII));
            return Optional.of(new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // another key, or a row edited by hand: this one can never match
            LOG.warn("App password {} cannot be decrypted with this server's key: it can no longer be used", id);
            return Optional.empty();
        }
    }

    static byte[] lookup(Keys keys, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.lookup(), "HmacSHA256"));
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
