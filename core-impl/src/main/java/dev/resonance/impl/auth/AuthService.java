package dev.resonance.impl.auth;

import dev.resonance.impl.events.EventLog;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.events.UserEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.input.InputRules;
import dev.resonance.impl.input.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, sign-in and sessions. Plain Java over {@link Database}: the DS component builds it, tests build it
 * directly. Every failure a client can cause is an {@link ResonanceException} with a message that names what to fix;
 * no password, hash or token is ever logged or returned in an error.
 */
public final class AuthService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String REGISTRATION_SETTING = "registration_open";
    /** Sessions read per query when many are checked at once (a node's sockets). */
    private static final int SESSIONS_PER_QUERY = 1000;

    /** Tunables, from the {@code resonance.core.auth} configuration. */
    public record Settings(Duration accessTokenTtl, Duration refreshTokenTtl, LoginThrottle.Policy lockout, Duration sessionRecheck) {

        /** The default recheck interval of a confirmed live session (see {@link LiveSessionCache}). */
        public static final Duration SESSION_RECHECK = Duration.ofSeconds(2);

        public Settings(Duration accessTokenTtl, Duration refreshTokenTtl, LoginThrottle.Policy lockout) {
            this(accessTokenTtl, refreshTokenTtl, lockout, SESSION_RECHECK);
        }
    }

    private final Database db;
    private final PasswordHasher passwords;
    private volatile AccessTokens tokens;
    private final AccountStore accounts;
    private final SessionStore sessions = new SessionStore();
    private volatile LoginThrottle throttle;
    private volatile Settings settings;
    private final Clock clock;
    private volatile LiveSessionCache liveSessions;
    private volatile EventPublisher events = EventPublisher.NONE;
    private final SetupCode setupCode = SetupCode.random();
    private final Counter loginFailures;
    private final Counter lockouts;
    private final AppPasswords appPasswords;

    AuthService(Database db, PasswordHasher passwords, byte[] jwtSecret, Settings settings, Clock clock) {
        this(db, passwords, jwtSecret, settings, clock, new SimpleMeterRegistry());
    }

    /** Counts failed sign-ins and lock-outs in {@code metrics} ({@code resonance_auth_*}). */
    AuthService(Database db, PasswordHasher passwords, byte[] jwtSecret, Settings settings, Clock clock, MeterRegistry metrics) {
        this.loginFailures = Counter.builder("resonance.auth.login.failures")
                .description("Sign-ins refused for a wrong username or password, or a disabled account").register(metrics);
        this.lockouts = Counter.builder("resonance.auth.lockouts")
                .description("Failed sign-ins that locked (or extended the lock of) an account or client address").register(metrics);
        this.db = db;
        this.passwords = passwords;
        this.tokens = new AccessTokens(jwtSecret, settings.accessTokenTtl(), clock);
        this.accounts = new AccountStore(db, clock);
        this.throttle = new LoginThrottle(settings.lockout(), clock);
        this.settings = settings;
        this.clock = clock;
        this.liveSessions = new LiveSessionCache(settings.sessionRecheck(), clock);
        this.appPasswords = new AppPasswords(db, sessions, accounts, () -> throttle, this::sessionCaller, () -> liveSessions.changed(),
                appPasswordKeys(db));
    }

    /** The server's app-password keys, read (or made) once, when first needed. */
    private static Supplier<AppPasswords.Keys> appPasswordKeys(Database db) {
        java.util.concurrent.atomic.AtomicReference<AppPasswords.Keys> keys = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> keys.updateAndGet(k -> k != null ? k : new AppPasswords.Keys(
                dev.resonance.impl.db.ServerSecrets.stored(db, "app_password_key", 32),
                dev.resonance.impl.db.ServerSecrets.stored(db, "app_password_lookup_key", 32)));
    }

    /** App passwords: secrets for apps whose protocol needs the server to know them (Subsonic). */
    public AppPasswords appPasswords() {
        return appPasswords;
    }

    /**
     * Applies a configuration change in place: new tokens are signed with {@code jwtSecret} (tokens signed with
     * another secret stop verifying at once, so their holders refresh or sign in again), with the new lifetimes;
     * lock-outs and the session recheck follow the new policy. Sessions, lock-outs and sockets are not touched.
     */
    public void reconfigure(byte[] jwtSecret, Settings next) {
        tokens = new AccessTokens(jwtSecret, next.accessTokenTtl(), clock);
        throttle = new LoginThrottle(next.lockout(), clock);
        if (!next.sessionRecheck().equals(settings.sessionRecheck())) {
            liveSessions = new LiveSessionCache(next.sessionRecheck(), clock);
        }
        settings = next;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Where committed {@code permissions.changed} events are pushed (the sync service of this node). Without one they
     * are still in the event log, in the transaction of the change, and reach devices by catch-up.
     */
    public void publishEventsTo(EventPublisher publisher) {
        this.events = publisher == null ? EventPublisher.NONE : publisher;
    }

    // ---------------------------------------------------------------- sign-in

    public AuthViews.Tokens login(AuthRequests.Login request, String clientAddress) {
        String username = required(request.username(), "username");
        String password = required(request.password(), "password");
        DeviceInfo device = DeviceInfo.of(request);
        List<String> subjects = List.of(LoginThrottle.user(username), LoginThrottle.address(clientAddress));

        Optional<Duration> locked = db.inTransaction(c -> throttle.lockRemaining(c, subjects));
        if (locked.isPresent()) {
            LOG.warn("Login refused for '{}' from {}: locked after repeated failures", printable(username), clientAddress);
            throw ResonanceException.tooManyRequests("login_locked", "Too many failed sign-ins for this account or address.",
                    locked.get());
        }

        Optional<AccountStore.Credentials> found = accounts.credentials(username);
        boolean ok = found.map(cred -> passwords.matches(password, cred.passwordHash()))
                .orElseGet(() -> passwords.decoyCheck(password));
        if (!ok || found.get().disabled()) {
            Optional<Duration> lock = db.inTransaction(c -> throttle.recordFailure(c, subjects));
            loginFailures.increment();
            lock.ifPresent(l -> lockouts.increment());
            LOG.warn("Login failed for '{}' from {}{}", printable(username), clientAddress,
                    lock.map(l -> " (locked for " + l.toSeconds() + " s)").orElse(""));
            if (ok) {
                throw ResonanceException.forbidden("account_disabled", "This account is disabled: ask an administrator");
            }
            throw ResonanceException.unauthenticated("invalid_credentials", "Wrong username or password");
        }
        long userId = found.get().id();
        return db.inTransaction(c -> {
            throttle.clear(c, subjects);
            return signIn(c, userId, device);
        });
    }

    /**
     * Self-registration: the very first account becomes the admin; afterwards only while an admin has opened
     * registration. The check and the insert happen under one advisory lock, so two first registrations
     * racing cannot both become admin. The first account needs this node's {@link #setupCode()} unless the
     * client is on this machine ({@code localClient}): otherwise whoever reached a fresh server first would own it.
     */
    public AuthViews.Tokens register(AuthRequests.Login request, Optional<String> code, boolean localClient) {
        String username = validUsername(request.username());
        String password = validPassword(request.password());
        DeviceInfo device = DeviceInfo.of(request);
        String hash = passwords.hash(password);
        AuthViews.Tokens tokens = db.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('resonance.register'))")) {
                lock.execute();
            }
            boolean first = accounts.count(c) == 0;
            if (!first && !registrationOpen(c)) {
                throw ResonanceException.forbidden("registration_closed",
                        "Registration is closed: ask an administrator to create your account");
            }
            if (first && !localClient && !setupCode.matches(code.orElse(null))) {
                throw ResonanceException.forbidden(code.isEmpty() ? "setup_code_required" : "invalid_setup_code",
                        "The first account needs the setup code printed in the server log (or shown by the Karaf command "
                                + "resonance:setup-code) as \"setupCode\", unless it is created on the server itself");
            }
            long id = accounts.insert(c, username, hash, first ? Role.ADMIN : Role.REGULAR, Optional.empty())
                    .orElseThrow(() -> ResonanceException.conflict("username_taken", "The username '" + username + "' is taken"));
            LOG.info("Registered user '{}'{}", username, first ? " as the first administrator" : "");
            return signIn(c, id, device);
        });
        if (tokens.user().role().equals("admin")) {
            setupCode.markUsed();
        }
        return tokens;
    }

    /** The one-time code for registering the first account from another machine, while no account exists. */
    public Optional<String> setupCode() {
        Optional<String> value = setupCode.value();
        if (value.isPresent() && db.inTransaction(accounts::count) > 0) {
            setupCode.markUsed();
            return Optional.empty();
        }
        return value;
    }

    private AuthViews.Tokens signIn(Connection c, long userId, DeviceInfo device) throws SQLException {
        long deviceId = sessions.upsertDevice(c, userId, device.key(), device.type(), device.name(), device.os());
        String refresh = newRefreshToken();
        UUID sessionId = sessions.createSession(c, userId, deviceId, sha256(refresh), clock.instant().plus(settings.refreshTokenTtl()));
        Account account = accounts.find(c, userId).orElseThrow();
        return new AuthViews.Tokens(tokens.issue(userId, sessionId, deviceId), refresh, tokens.ttl().toSeconds(), "Bearer",
                AuthViews.User.of(account));
    }

    /**
     * How long after a rotation the token it replaced still rotates the session (instead of revoking it as a replay):
     * a refresh whose answer was lost (the page navigated away meanwhile) or two tabs refreshing at once. Found by the
     * web app's browser test, where a reload during a refresh signed the user out.
     */
    static final java.time.Duration REFRESH_REUSE_GRACE = java.time.Duration.ofSeconds(20);

    public AuthViews.Tokens refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 256) {
            throw ResonanceException.unauthenticated("invalid_refresh_token", "A refresh token is required");
        }
        String next = newRefreshToken();
        // a rotation keeps the session live, so cached sessions stay valid (every client refreshes every few minutes:
        // clearing the cache here would empty it all the time); only a replayed token revokes, handled below
        AuthViews.Tokens refreshed = db.inTransaction(c -> {
            SessionStore.Rotation rotation = sessions.rotate(c, sha256(refreshToken), sha256(next),
                    clock.instant().plus(settings.refreshTokenTtl()), clock.instant(), REFRESH_REUSE_GRACE);
            if (rotation instanceof SessionStore.Reused reused) {
                LOG.warn("A rotated refresh token was presented again: session {} revoked", reused.sessionId());
                return null; // commit the revocation, then refuse (below)
            }
            if (!(rotation instanceof SessionStore.Rotated rotated)) {
                throw ResonanceException.unauthenticated("invalid_refresh_token", "The refresh token is not valid: sign in again");
            }
            Account account = accounts.find(c, rotated.userId()).orElseThrow();
            if (account.disabled()) {
                throw ResonanceException.unauthenticated("invalid_refresh_token", "The refresh token is not valid: sign in again");
            }
            return new AuthViews.Tokens(tokens.issue(rotated.userId(), rotated.sessionId(), rotated.deviceId()), next,
                    tokens.ttl().toSeconds(), "Bearer", AuthViews.User.of(account));
        });
        if (refreshed == null) {
            liveSessions.changed();
            throw ResonanceException.unauthenticated("refresh_token_reused",
                    "This refresh token was already used; the session is revoked: sign in again");
        }
        return refreshed;
    }

    public void logout(Caller caller) {
        changeAccounts(c -> sessions.revokeSession(c, caller.sessionId(), "signed out"));
    }

    /** The caller behind an access token, if the token is valid and its session, device and user are live. */
    public Optional<Caller> authenticate(String accessToken) {
        Optional<AccessTokens.Claims> claims = tokens.verify(accessToken);
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        AccessTokens.Claims claim = claims.get();
        return liveSession(claim.sessionId()).flatMap(s -> caller(s, claim.userId(), claim.deviceId()));
    }

    /** The session if it is live and its user enabled: from the recent-check cache, else from the database. */
    private Optional<SessionStore.LiveSession> liveSession(UUID sessionId) {
        Optional<SessionStore.LiveSession> cached = liveSessions.get(sessionId);
        return cached.isPresent() ? cached : Optional.ofNullable(liveSessions(List.of(sessionId)).get(sessionId));
    }

    /**
     * {@link #authenticate} for many tokens at once, answers in their order: the sessions not confirmed within the
     * recheck interval are read in one query per {@value #SESSIONS_PER_QUERY} (a node's periodic recheck of its
     * sockets, instead of one query per socket).
     */
    public List<Optional<Caller>> authenticateAll(List<String> accessTokens) {
        List<Optional<AccessTokens.Claims>> claims = accessTokens.stream().map(tokens::verify).toList();
        Map<UUID, SessionStore.LiveSession> live = liveSessions(claims.stream().flatMap(Optional::stream)
                .map(AccessTokens.Claims::sessionId).distinct().toList());
        return claims.stream().map(claim -> claim.flatMap(c -> Optional.ofNullable(live.get(c.sessionId()))
                .flatMap(s -> caller(s, c.userId(), c.deviceId())))).toList();
    }

    /**
     * The live sessions (user enabled) among {@code sessionIds}: from the recent-check cache, the rest from the
     * database; a device seen more than a minute ago is marked seen (at most once a minute per device).
     */
    private Map<UUID, SessionStore.LiveSession> liveSessions(List<UUID> sessionIds) {
        Map<UUID, SessionStore.LiveSession> result = new HashMap<>();
        List<UUID> unknown = new ArrayList<>();
        for (UUID id : sessionIds) {
            liveSessions.get(id).ifPresentOrElse(s -> result.put(id, s), () -> unknown.add(id));
        }
        for (int from = 0; from < unknown.size(); from += SESSIONS_PER_QUERY) {
            List<UUID> chunk = unknown.subList(from, Math.min(unknown.size(), from + SESSIONS_PER_QUERY));
            long generation = liveSessions.generation();
            Instant stale = clock.instant().minus(Duration.ofMinutes(1));
            db.inTransaction(c -> {
                Map<UUID, SessionStore.LiveSession> live = sessions.live(c, chunk, clock.instant());
                sessions.touchDevices(c, live.values().stream().filter(s -> !s.disabled() && s.lastSeenAt().isBefore(stale))
                        .map(SessionStore.LiveSession::deviceId).distinct().toList());
                return live;
            }).values().stream().filter(s -> !s.disabled()).forEach(s -> {
                liveSessions.put(s, generation);
                result.put(s.sessionId(), s);
            });
        }
        return result;
    }

    private static Optional<Caller> caller(SessionStore.LiveSession s, long userId, long deviceId) {
        if (s.userId() != userId || s.deviceId() != deviceId) {
            return Optional.empty();
        }
        return Optional.of(new Caller(s.userId(), s.username(), s.role(), s.permissions(), s.deviceId(), s.sessionId()));
    }

    /** Writes accounts, permissions or sessions: committed, then every cached live session is forgotten. */
    private <T> T changeAccounts(Database.SqlWork<T> work) {
        try {
            return db.inTransaction(work);
        } finally {
            liveSessions.changed();
        }
    }

    /**
     * {@link #changeAccounts} for every change that can take ManagePermissions away from someone (role, disabled,
     * delete, grants and revokes): serialised across nodes by one advisory lock, applied, then refused with 409
     * {@code last_admin} and rolled back if it left no enabled user effectively holding ManagePermissions while
     * there was one before. Checking after the change, under the lock, covers every way a change can remove the last
     * holder (role, denial, disabling, deleting) without a rule per path, and two admins demoting each other at the
     * same moment are taken one after the other: the second sees the first's change.
     */
    private <T> T changeAdministration(String refusal, Database.SqlWork<T> work) {
        return changeAccounts(c -> {
            accounts.lockAdministration(c);
            boolean hadOne = accounts.countAdministrators(c) > 0;
            T result = work.run(c);
            if (hadOne && accounts.countAdministrators(c) == 0) {
                throw ResonanceException.conflict("last_admin", refusal);
            }
            return result;
        });
    }

    /**
     * The caller of a live session, named by user and session id instead of a token (signed stream URLs): empty
     * once the session is revoked or expired, or the user disabled.
     */
    public Optional<Caller> sessionCaller(long userId, UUID sessionId) {
        return liveSession(sessionId).flatMap(s -> caller(s, userId, s.deviceId()));
    }

    // ---------------------------------------------------------------- the caller's own account

    public AuthViews.Session session(Caller caller) {
        return new AuthViews.Session(user(caller.userId()), caller.deviceId(), caller.sessionId().toString());
    }

    public List<AuthViews.DeviceView> devices(Caller caller) {
        return db.inTransaction(c -> sessions.devices(c, caller.userId())).stream()
                .map(d -> new AuthViews.DeviceView(d.id(), d.key(), d.type(), d.name(), d.os(), d.createdAt(), d.lastSeenAt(),
                        d.signedIn(), d.id() == caller.deviceId()))
                .toList();
    }

    public void forgetDevice(Caller caller, long deviceId) {
        if (!changeAccounts(c -> sessions.deleteDevice(c, caller.userId(), deviceId))) {
            throw ResonanceException.notFound("You have no device " + deviceId);
        }
    }

    /** Changes the caller's password; every other session of theirs is signed out. */
    public void changePassword(Caller caller, AuthRequests.ChangePassword request) {
        String current = required(request.currentPassword(), "currentPassword");
        String next = validPassword(request.newPassword());
        String hash = accounts.passwordHash(caller.userId()).orElseThrow(() -> ResonanceException.unauthenticated("invalid_session", "Sign in again"));
        if (!passwords.matches(current, hash)) {
            throw ResonanceException.invalid("wrong_password", "The current password is not correct");
        }
        String newHash = passwords.hash(next);
        changeAccounts(c -> {
            accounts.setPassword(c, caller.userId(), newHash);
            sessions.revokeUserSessions(c, caller.userId(), Optional.of(caller.sessionId()), "password changed");
            return null;
        });
    }

    // ---------------------------------------------------------------- administration

    public AuthViews.User user(long id) {
        return accounts.find(id).map(AuthViews.User::of).orElseThrow(() -> ResonanceException.notFound("No user " + id));
    }

    public AuthViews.UserPage users(long afterId, PageLimit limit) {
        int size = limit.value();
        List<Account> page = accounts.list(afterId, size + 1);
        Optional<Long> next = page.size() > size ? Optional.of(page.get(size - 1).id()) : Optional.empty();
        return new AuthViews.UserPage(page.stream().limit(size).map(AuthViews.User::of).toList(), next);
    }

    public AuthViews.User createUser(AuthRequests.CreateUser request, Optional<Caller> by) {
        String username = validUsername(request.username());
        String hash = passwords.hash(validPassword(request.password()));
        Role role = request.role().map(AuthService::role).orElse(Role.REGULAR);
        Optional<String> displayName = request.displayName().map(String::strip).filter(s -> !s.isEmpty()).map(AuthService::displayName);
        long id = db.inTransaction(c -> accounts.insert(c, username, hash, role, displayName))
                .orElseThrow(() -> ResonanceException.conflict("username_taken", "The username '" + username + "' is taken"));
        LOG.info("User '{}' ({}) created by {}", username, role, by.map(Caller::username).orElse("the operator"));
        return user(id);
    }

    public AuthViews.User updateUser(long id, AuthRequests.PatchUser patch, Optional<Caller> by) {
        Optional<Role> role = patch.role().map(AuthService::role);
        Optional<String> displayName = patch.displayName().map(String::strip).map(d -> d.isEmpty() ? d : displayName(d));
        changeAdministration("This is the last active user who can manage permissions: make another user an administrator"
                + " (or grant them ManagePermissions) first", c -> {
            accounts.find(c, id).orElseThrow(() -> ResonanceException.notFound("No user " + id));
            accounts.update(c, id, role, displayName.map(d -> d.isEmpty() ? Optional.<String>empty() : Optional.of(d)),
                    patch.disabled());
            if (patch.disabled().orElse(false)) {
                sessions.revokeUserSessions(c, id, Optional.empty(), "account disabled");
            }
            return null;
        });
        LOG.info("User {} updated by {}", id, by.map(Caller::username).orElse("the operator"));
        return user(id);
    }

    public void deleteUser(long id, Optional<Caller> by) {
        changeAdministration("This is the last active user who can manage permissions: it cannot be deleted; make another"
                + " user an administrator first", c -> {
            accounts.find(c, id).orElseThrow(() -> ResonanceException.notFound("No user " + id));
            return accounts.delete(c, id);
        });
        LOG.info("User {} deleted by {}", id, by.map(Caller::username).orElse("the operator"));
    }

    /** Gives the user {@code permission} (until {@code expiresAt}, if given) beyond what the role carries. */
    public AuthViews.User grant(long id, Permission permission, Optional<Instant> expiresAt, Optional<Caller> by) {
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(clock.instant())) {
            throw ResonanceException.invalid("invalid_expiry", "expiresAt must be in the future");
        }
        if (expiresAt.isPresent() && expiresAt.get().isAfter(InputRules.LATEST)) { // the shell's grant does not pass JSON
            throw ResonanceException.invalid("invalid_expiry", "expiresAt must be before the year 10000");
        }
        UserEvent event = changeAdministration("This would leave no active user who can manage permissions", c -> {
            Account account = accounts.find(c, id).orElseThrow(() -> ResonanceException.notFound("No user " + id));
            if (account.role().defaultPermissions().contains(permission) && expiresAt.isEmpty()) {
                accounts.removeOverride(c, id, permission); // back to the role's default (drops a denial)
            } else {
                accounts.putOverride(c, id, permission, Account.Effect.GRANT, expiresAt, by.map(Caller::userId));
            }
            return permissionsChanged(c, id, permission, "granted", expiresAt);
        });
        events.published(id, event);
        LOG.info("Permission {} granted to user {} by {}", permission.apiName(), id, by.map(Caller::username).orElse("the operator"));
        return user(id);
    }

    /** Takes {@code permission} away from the user, even when the role carries it. */
    public AuthViews.User revoke(long id, Permission permission, Optional<Caller> by) {
        UserEvent event = changeAdministration("This is the last active user with ManagePermissions: the last administrator"
                + " must keep it; grant it to another user first", c -> {
            Account account = accounts.find(c, id).orElseThrow(() -> ResonanceException.notFound("No user " + id));
            if (account.role().defaultPermissions().contains(permission)) {
                accounts.putOverride(c, id, permission, Account.Effect.DENY, Optional.empty(), by.map(Caller::userId));
            } else {
                accounts.removeOverride(c, id, permission);
            }
            return permissionsChanged(c, id, permission, "revoked", Optional.empty());
        });
        events.published(id, event);
        LOG.info("Permission {} revoked from user {} by {}", permission.apiName(), id, by.map(Caller::username).orElse("the operator"));
        return user(id);
    }

    /**
     * The operator's way back in: makes the user an enabled administrator who holds ManagePermissions (a denial of it
     * is removed), whatever the state of the other accounts. Returns the user as it is now.
     */
    public AuthViews.User makeAdministrator(long id, Optional<Caller> by) {
        changeAdministration("unreachable: this change only adds an administrator", c -> {
            accounts.find(c, id).orElseThrow(() -> ResonanceException.notFound("No user " + id));
            accounts.update(c, id, Optional.of(Role.ADMIN), Optional.empty(), Optional.of(false));
            accounts.removeOverride(c, id, Permission.MANAGE_PERMISSIONS);
            return null;
        });
        LOG.info("User {} made an administrator by {}", id, by.map(Caller::username).orElse("the operator"));
        return user(id);
    }

    /** Records {@code permissions.changed} (with the effective permissions after the change) in the caller's transaction. */
    private UserEvent permissionsChanged(Connection c, long userId, Permission permission, String change,
                                         Optional<Instant> expiresAt) throws SQLException {
        Account after = accounts.find(c, userId).orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("permission", permission.apiName());
        payload.put("change", change);
        expiresAt.ifPresent(at -> payload.put("expiresAt", at));
        payload.put("permissions", after.permissions().stream().map(Permission::apiName).sorted().toList());
        return EventLog.append(c, userId, Optional.empty(), "permissions.changed", payload);
    }

    /** An administrator (or operator) sets a user's password; all the user's sessions are signed out. */
    public void setPassword(long id, String password, Optional<Caller> by) {
        String hash = passwords.hash(validPassword(password));
        boolean found = changeAccounts(c -> {
            boolean updated = accounts.setPassword(c, id, hash);
            if (updated) {
                sessions.revokeUserSessions(c, id, by.filter(b -> b.userId() == id).map(Caller::sessionId), "password reset");
            }
            return updated;
        });
        if (!found) {
            throw ResonanceException.notFound("No user " + id);
        }
        LOG.info("Password of user {} set by {}", id, by.map(Caller::username).orElse("the operator"));
    }

    public Optional<Long> userId(String username) {
        return accounts.credentials(username).map(AccountStore.Credentials::id);
    }

    public List<String[]> liveSessions(int limit) {
        return db.inTransaction(c -> sessions.liveSessions(c, limit));
    }

    /** Creates the first administrator from configuration when the database has no user yet. */
    public boolean bootstrapAdmin(String username, String password) {
        String name = validUsername(username);
        String hash = passwords.hash(validPassword(password));
        boolean created = db.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('resonance.register'))")) {
                lock.execute();
            }
            return accounts.count(c) == 0 && accounts.insert(c, name, hash, Role.ADMIN, Optional.empty()).isPresent();
        });
        if (created) {
            LOG.info("Created the first administrator '{}' from RESONANCE_ADMIN_USER", name);
        }
        return created;
    }

    public AuthViews.ServerSettings serverSettings() {
        return new AuthViews.ServerSettings(db.inTransaction(AuthService::registrationOpen));
    }

    public AuthViews.ServerSettings updateServerSettings(AuthRequests.ServerSettings update) {
        update.registrationOpen().ifPresent(open -> db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO server_settings (key, value) VALUES (?, to_jsonb(?::boolean))"
                    + " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()")) {
                ps.setString(1, REGISTRATION_SETTING);
                ps.setBoolean(2, open);
                return ps.executeUpdate();
            }
        }));
        return serverSettings();
    }

    private static boolean registrationOpen(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value = 'true'::jsonb FROM server_settings WHERE key = ?")) {
            ps.setString(1, REGISTRATION_SETTING);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    // ---------------------------------------------------------------- validation and helpers

    private record DeviceInfo(String key, String type, String name, Optional<String> os) {
        static DeviceInfo of(AuthRequests.Login request) {
            String key = required(request.deviceId(), "deviceId"); // length and characters: InputRules, on the way in
            if (key.startsWith(AppPasswords.DEVICE_KEY_PREFIX)) {
                // the devices of app passwords: signing in on one would replace (revoke) its session
                throw ResonanceException.invalid("invalid_field", "deviceId must not begin with '" + AppPasswords.DEVICE_KEY_PREFIX + "'");
            }
            String type = Optional.ofNullable(request.deviceType()).map(t -> t.toLowerCase(Locale.ROOT)).orElse("other");
            if (!Device.TYPES.contains(type)) {
                throw ResonanceException.invalid("invalid_field", "deviceType must be one of " + String.join(", ",
                        Device.TYPES.stream().sorted().toList()));
            }
            String name = Optional.ofNullable(request.deviceName()).map(String::strip).filter(s -> !s.isEmpty()).orElse(type);
            return new DeviceInfo(key, type, truncate(name, 100), request.deviceOs().map(o -> truncate(o, 100)));
        }
    }

    static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw ResonanceException.invalid("missing_field", "The field '" + field + "' is required");
        }
        return value;
    }

    static String validUsername(String username) {
        String name = required(username, "username").strip();
        if (!USERNAME.matcher(name).matches()) {
            throw ResonanceException.invalid("invalid_username",
                    "A username has 2 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    static String validPassword(String password) {
        String problem = PasswordHasher.problemWith(required(password, "password"));
        if (problem != null) {
            throw ResonanceException.invalid("weak_password", problem);
        }
        return password;
    }

    /** A permission by its API name ({@code EditCatalog}) or constant ({@code EDIT_CATALOG}), any case; else 404. */
    public static Permission permission(String name) {
        return Permission.parse(name).orElseThrow(() -> ResonanceException.notFound("No permission '" + name + "'"));
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ResonanceException.invalid("invalid_role", "role must be 'admin' or 'regular'");
        }
    }

    /** The JSON provider checked it already; the shell's {@code user-add} did not. */
    private static String displayName(String name) {
        try {
            return InputRules.text("displayName", name);
        } catch (InvalidInput e) {
            throw ResonanceException.invalid("invalid_field", e.getMessage());
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** A username as it may appear in a log line: bounded, no control characters. */
    static String printable(String username) {
        return InputRules.printable(username, 64);
    }

    private static String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The digest under which bearer secrets are stored (refresh tokens here, playlist invite tokens in playlists). */
    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
