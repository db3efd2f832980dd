package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A confirmed live session is trusted for the recheck interval: changes made through this node apply at once,
 * changes made by another node (another {@link AuthService} on the same database) after at most the interval.
 */
class SessionRecheckTest {

    private ApiHarness api;
    private long adaId;
    private String token;

    @BeforeEach
    void setUp() {
        api = new ApiHarness();
        adaId = api.createUser("ada", "ada-password", "regular");
        token = api.accessToken("ada", "ada-password", "laptop");
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private AuthService otherNode(Duration recheck) {
        AuthService.Settings settings = new AuthService.Settings(Duration.ofMinutes(15), Duration.ofDays(30),
                new LoginThrottle.Policy(10, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(24)), recheck);
        return new AuthService(api.db, new PasswordHasher(1024, 1), JwtSecret.resolve("", api.db), settings, api.clock);
    }

    @Test
    void aSignOutOnAnotherNodeAppliesHereWithinTheRecheckInterval() {
        Caller ada = api.auth.authenticate(token).orElseThrow();
        AuthService node2 = otherNode(AuthService.Settings.SESSION_RECHECK);

        node2.logout(node2.authenticate(token).orElseThrow());

        assertThat(node2.authenticate(token)).as("the node that signed out refuses at once").isEmpty();
        assertThat(api.auth.authenticate(token)).as("this node still trusts its recent check").contains(ada);
        api.clock.advance(AuthService.Settings.SESSION_RECHECK);
        assertThat(api.auth.authenticate(token)).as("after the recheck interval the database is asked again").isEmpty();
    }

    @Test
    void changesMadeOnThisNodeApplyAtOnce() {
        assertThat(api.auth.authenticate(token).orElseThrow().has(Permission.ACCESS_CATALOG)).isTrue();

        api.auth.revoke(adaId, Permission.ACCESS_CATALOG, Optional.empty());
        assertThat(api.auth.authenticate(token).orElseThrow().has(Permission.ACCESS_CATALOG)).isFalse();

        api.auth.updateUser(adaId, new AuthRequests.PatchUser(Optional.empty(), Optional.empty(), Optional.of(true)), Optional.empty());
        assertThat(api.auth.authenticate(token)).as("a disabled account").isEmpty();
    }

    @Test
    void withoutARecheckIntervalEveryRequestAsksTheDatabase() {
        AuthService node1 = otherNode(Duration.ZERO);
        AuthService node2 = otherNode(Duration.ZERO);
        assertThat(node1.authenticate(token)).isPresent();

        node2.logout(node2.authenticate(token).orElseThrow());

        assertThat(node1.authenticate(token)).isEmpty();
    }

    @Test
    void aLookupThatRacedAChangeIsNotKept() {
        LiveSessionCache cache = new LiveSessionCache(Duration.ofMinutes(1), api.clock);
        SessionStore.LiveSession session = new SessionStore.LiveSession(UUID.randomUUID(), adaId, "ada", Role.REGULAR, false, 1,
                Set.of(Permission.ACCESS_CATALOG), Instant.now());

        long before = cache.generation();
        cache.changed(); // e.g. the session is revoked while the lookup was reading the old row
        cache.put(session, before);
        assertThat(cache.get(session.sessionId())).isEmpty();

        cache.put(session, cache.generation());
        assertThat(cache.get(session.sessionId())).contains(session);
    }

    @Test
    void manyTokensAreCheckedAtOnceEachAnsweredInOrder() {
        AuthService node2 = otherNode(Duration.ZERO); // asks the database every time: the batch query is what answers
        api.createUser("bob", "bob-password", "regular");
        String bobPhone = api.accessToken("bob", "bob-password", "phone");
        String bobTablet = api.accessToken("bob", "bob-password", "tablet");
        String signedOut = api.accessToken("bob", "bob-password", "old-laptop");
        node2.logout(node2.authenticate(signedOut).orElseThrow());
        long seenBefore = lastSeen(bobPhone);
        api.clock.advance(Duration.ofMinutes(2));

        java.util.List<Optional<Caller>> found = node2.authenticateAll(java.util.List.of(bobPhone, "not-a-token", token, signedOut,
                bobTablet, bobPhone));

        assertThat(found).hasSize(6);
        assertThat(found.get(0).orElseThrow().username()).isEqualTo("bob");
        assertThat(found.get(1)).as("garbage").isEmpty();
        assertThat(found.get(2).orElseThrow().userId()).isEqualTo(adaId);
        assertThat(found.get(3)).as("signed out").isEmpty();
        assertThat(found.get(4).orElseThrow().deviceId()).isNotEqualTo(found.get(0).orElseThrow().deviceId());
        assertThat(found.get(5)).isEqualTo(found.get(0));
        assertThat(found).isEqualTo(java.util.List.of(node2.authenticate(bobPhone), Optional.empty(), node2.authenticate(token),
                Optional.empty(), node2.authenticate(bobTablet), node2.authenticate(bobPhone)));
        assertThat(lastSeen(bobPhone)).as("a device checked after a minute is marked seen").isGreaterThan(seenBefore);

        api.auth.updateUser(adaId, new AuthRequests.PatchUser(Optional.empty(), Optional.empty(), Optional.of(true)), Optional.empty());
        assertThat(node2.authenticateAll(java.util.List.of(token, bobPhone)).get(0)).as("a disabled account").isEmpty();
        assertThat(node2.authenticateAll(java.util.List.of())).isEmpty();
    }

    private long lastSeen(String accessToken) {
        long deviceId = api.auth.authenticate(accessToken).orElseThrow().deviceId();
        return api.db.read(c -> {
            try (var ps = c.prepareStatement("SELECT last_seen_at FROM devices WHERE id = ?")) {
                ps.setLong(1, deviceId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getTimestamp(1).getTime();
                }
            }
        });
    }
}
