package dev.resonance.plugin.testkit;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import dev.resonance.api.client.ClientAccess;
import dev.resonance.api.client.ClientActions;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ClientMedia;
import dev.resonance.api.client.ClientPlaylists;
import dev.resonance.api.client.ClientSession;
import dev.resonance.api.client.Credentials;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.plugin.PluginPermission;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link ClientAccess} a plugin gets from the core, in memory: users and their app passwords are what the test
 * adds; {@link #signIn} checks the three kinds of {@link Credentials} as the server does and hands out sessions whose
 * catalog is the user's view ({@link TestClientCatalog}) of a {@link TestClientLibrary}.
 *
 * <ul>
 *   <li>Without the {@code client-api} permission in the plugin's descriptor every call is {@code FORBIDDEN}.</li>
 *   <li>{@code Password}: a user (username in any case) and one of their live app passwords; {@code Token}: the hex
 *   MD5 of one of their app passwords followed by the salt (any case); {@code ApiKey}: a live app password, which
 *   names its user. Anything else is {@code UNAUTHENTICATED} with code {@code invalid_credentials} — a username that
 *   does not exist as well, so that a client cannot tell the two apart.</li>
 *   <li>With {@link #lockOutAfter(int, Duration)}, that many failures in a row for one username, or from one address,
 *   lock it for the duration ({@code TOO_MANY_REQUESTS}, code {@code login_locked}, "Try again in N s.") even with
 *   the right credentials; a success clears the username's and the address's count. Time is the given clock's
 *   (the harness's {@link TestClock}). Off by default.</li>
 *   <li>{@link #unavailable(boolean)} fails every sign-in with {@code UNAVAILABLE}, as while the database is down.</li>
 * </ul>
 *
 * Each app password is a device of its own: the session's {@code Caller} carries its device id. {@link #signIns()}
 * lists the credentials the plugin passed. Thread-safe.
 */
public final class TestClientAccess implements ClientAccess {

    private final Descriptor descriptor;
    private final TestClientLibrary library;
    private final Clock clock;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, AppPassword> passwords = new LinkedHashMap<>();
    private final Map<String, Failures> failures = new HashMap<>();
    private final List<Credentials> signIns = new ArrayList<>();
    private int lockAfter;
    private Duration lockFor = Duration.ZERO;
    private boolean unavailable;
    private long nextUserId = 1;
    private long nextDeviceId = 100;

    public TestClientAccess(Descriptor descriptor, TestClientLibrary library, Clock clock) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.library = Objects.requireNonNull(library, "library");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // What the test sets up (the server's user admin and the user's Settings → App passwords)

    /** Adds a regular user with these permissions; answers the user's id. */
    public synchronized long addUser(String username, Permission... permissions) {
        return addUser(username, Role.REGULAR, Set.of(permissions));
    }

    /** Adds a user; answers the user's id. */
    public synchronized long addUser(String username, Role role, Set<Permission> permissions) {
        String key = username.toLowerCase(Locale.ROOT);
        if (users.containsKey(key)) {
            throw new IllegalArgumentException("user " + username + " exists");
        }
        User user = new User(nextUserId++, username, role, Set.copyOf(permissions));
        users.put(key, user);
        return user.id;
    }

    /** Gives the user an app password (a device of its own); answers the device's id. */
    public synchronized long addAppPassword(String username, String secret) {
        User user = users.get(username.toLowerCase(Locale.ROOT));
        if (user == null) {
            throw new IllegalArgumentException("no user " + username);
        }
        if (passwords.containsKey(secret)) {
            throw new IllegalArgumentException("an app password is unique");
        }
        AppPassword password = new AppPassword(user, secret, nextDeviceId++);
        passwords.put(secret, password);
        return password.deviceId;
    }

    /** The user revoked this app password: it signs nobody in from now on. */
    public synchronized void revoke(String secret) {
        passwords.remove(secret);
    }

    /** Locks a username or address after {@code failures} failed sign-ins in a row, for {@code duration}. */
    public synchronized void lockOutAfter(int failures, Duration duration) {
        if (failures < 1 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("at least one failure and a positive duration");
        }
        this.lockAfter = failures;
        this.lockFor = duration;
    }

    /** While true, every sign-in fails with {@code UNAVAILABLE}. */
    public synchronized void unavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /** The credentials the plugin signed in with so far, oldest first, failed ones included. */
    public synchronized List<Credentials> signIns() {
        return List.copyOf(signIns);
    }

    // What the plugin calls

    @Override
    public synchronized ClientSession signIn(Credentials credentials, String clientAddress) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Permissions.require(descriptor, PluginPermission.CLIENT_API, "ClientAccess.signIn");
        signIns.add(credentials);
        if (unavailable) {
            throw ResonanceException.unavailable("database_unavailable", "The server cannot reach its database.");
        }
        String addressKey = "address:" + clientAddress;
        List<String> keys = credentials instanceof Credentials.ApiKey ? List.of(addressKey)
            : List.of("user:" + username(credentials).toLowerCase(Locale.ROOT), addressKey);
        Instant now = clock.instant();
        for (String key : keys) {
            Failures counted = failures.get(key);
            if (counted != null && counted.lockedUntil.isPresent() && now.isBefore(counted.lockedUntil.get())) {
                throw ResonanceException.tooManyRequests("login_locked", "Too many failed sign-ins.",
                    Duration.between(now, counted.lockedUntil.get()));
            }
        }
        Optional<AppPassword> match = match(credentials);
        if (match.isEmpty()) {
            for (String key : keys) {
                Failures counted = failures.computeIfAbsent(key, k -> new Failures());
                counted.count++;
                if (lockAfter > 0 && counted.count >= lockAfter) {
                    counted.lockedUntil = Optional.of(now.plus(lockFor));
                    counted.count = 0;
                }
            }
            throw ResonanceException.unauthenticated("invalid_credentials", "Wrong username or app password.");
        }
        failures.remove("user:" + match.get().user.name.toLowerCase(Locale.ROOT));
        failures.remove(addressKey);
        User user = match.get().user;
        Caller caller = new Caller(user.id, user.name, user.role, user.permissions, match.get().deviceId,
            UUID.randomUUID());
        TestClientCatalog catalog = library.catalogFor(caller);
        return new Session(caller, catalog, new TestClientActions(library, catalog, caller, clock),
            new TestClientPlaylists(library, catalog, caller, clock), new TestClientMedia(library, catalog, caller));
    }

    /** Whether the test enabled a recommender ({@link TestClientLibrary#recommenders}); needs {@code client-api}. */
    @Override
    public boolean recommends() {
        Permissions.require(descriptor, PluginPermission.CLIENT_API, "ClientAccess.recommends");
        return library.recommending();
    }

    private Optional<AppPassword> match(Credentials credentials) {
        if (credentials instanceof Credentials.ApiKey key) {
            return Optional.ofNullable(passwords.get(key.key()));
        }
        String username = username(credentials);
        return passwords.values().stream().filter(p -> p.user.name.equalsIgnoreCase(username))
            .filter(p -> proves(credentials, p.secret)).findFirst();
    }

    private static boolean proves(Credentials credentials, String secret) {
        if (credentials instanceof Credentials.Password password) {
            return MessageDigest.isEqual(password.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
        }
        Credentials.Token token = (Credentials.Token) credentials;
        return md5Hex(secret + token.salt()).equalsIgnoreCase(token.token());
    }

    private static String username(Credentials credentials) {
        if (credentials instanceof Credentials.Password password) {
            return password.username();
        }
        if (credentials instanceof Credentials.Token token) {
            return token.username();
        }
        return "";
    }

    /** Hex MD5 of the UTF-8 text, lower case: a Subsonic token is {@code md5Hex(password + salt)}. */
    public static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private record User(long id, String name, Role role, Set<Permission> permissions) {
    }

    private record AppPassword(User user, String secret, long deviceId) {
    }

    private static final class Failures {
        int count;
        Optional<Instant> lockedUntil = Optional.empty();
    }

    private record Session(Caller caller, ClientCatalog catalog, ClientActions actions, ClientPlaylists playlists, ClientMedia media)
        implements ClientSession {
    }
}
