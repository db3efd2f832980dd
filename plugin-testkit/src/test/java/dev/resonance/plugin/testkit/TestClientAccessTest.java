package dev.resonance.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.ClientActions;
import dev.resonance.api.client.ClientSession;
import dev.resonance.api.client.Credentials;
import dev.resonance.api.error.ResonanceException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestClientAccessTest {

    private final TestClock clock = new TestClock();
    private final TestClientLibrary library = new TestClientLibrary();
    private final TestClientAccess access = new TestClientAccess(
        Descriptors.withPermissions("{\"client-api\": {\"reason\": \"serve Subsonic apps\"}}"), library, clock);
    private long alice;
    private long phone;

    @BeforeEach
    void aliceHasAnAppPassword() {
        alice = access.addUser("Alice", Permission.ACCESS_CATALOG);
        phone = access.addAppPassword("alice", "sesame");
    }

    @Test
    void aPasswordATokenAndAnApiKeyEachSignTheUserInOnTheAppPasswordsDevice() {
        ClientSession byPassword = access.signIn(new Credentials.Password("ALICE", "sesame"), "10.0.0.1");
        ClientSession byToken = access.signIn(new Credentials.Token("alice",
            TestClientAccess.md5Hex("sesame" + "c19b2d"), "c19b2d"), "10.0.0.1");
        ClientSession byKey = access.signIn(new Credentials.ApiKey("sesame"), "10.0.0.1");

        for (ClientSession session : java.util.List.of(byPassword, byToken, byKey)) {
            assertThat(session.caller().userId()).isEqualTo(alice);
            assertThat(session.caller().username()).isEqualTo("Alice");
            assertThat(session.caller().deviceId()).isEqualTo(phone);
            assertThat(session.caller().has(Permission.ACCESS_CATALOG)).isTrue();
        }
        assertThat(TestClientAccess.md5Hex("sesamec19b2d")).isEqualTo("26719a1196d2a940705a59634eb18eab");
    }

    @Test
    void wrongSecretsTokensKeysAndUnknownUsersAreTheSameInvalidCredentials() {
        for (Credentials wrong : java.util.List.of(new Credentials.Password("alice", "Sesame"),
                new Credentials.Password("bob", "sesame"),
                new Credentials.Token("alice", TestClientAccess.md5Hex("sesame" + "x"), "y"),
                new Credentials.ApiKey("open"))) {
            assertThatThrownBy(() -> access.signIn(wrong, "10.0.0.1")).isInstanceOfSatisfying(ResonanceException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(ResonanceException.Kind.UNAUTHENTICATED);
                    assertThat(e.code()).isEqualTo("invalid_credentials");
                });
        }
        assertThat(access.signIns()).hasSize(4);
    }

    @Test
    void aRevokedAppPasswordSignsNobodyIn() {
        access.revoke("sesame");

        assertThatThrownBy(() -> access.signIn(new Credentials.ApiKey("sesame"), "10.0.0.1"))
            .isInstanceOf(ResonanceException.class).hasMessageContaining("Wrong username or app password");
    }

    @Test
    void afterTheFailuresTheUsernameIsLockedEvenForTheRightPasswordUntilTheTimeIsOver() {
        access.lockOutAfter(2, Duration.ofMinutes(5));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> access.signIn(new Credentials.Password("alice", "wrong"), "10.0.0.1"))
                .isInstanceOf(ResonanceException.class);
        }

        assertThatThrownBy(() -> access.signIn(new Credentials.Password("alice", "sesame"), "10.0.0.2"))
            .isInstanceOfSatisfying(ResonanceException.class, e -> {
                assertThat(e.kind()).isEqualTo(ResonanceException.Kind.TOO_MANY_REQUESTS);
                assertThat(e.code()).isEqualTo("login_locked");
                assertThat(e.retryAfter()).contains(Duration.ofMinutes(5));
            });
        clock.advance(Duration.ofMinutes(5));
        assertThat(access.signIn(new Credentials.Password("alice", "sesame"), "10.0.0.2").caller().userId())
            .isEqualTo(alice);
    }

    @Test
    void withoutTheClientApiPermissionSignInIsForbiddenAndWhileTheDatabaseIsDownUnavailable() {
        TestClientAccess undeclared = new TestClientAccess(Descriptors.withPermissions("{}"), new TestClientLibrary(),
            clock);
        assertThatThrownBy(() -> undeclared.signIn(new Credentials.ApiKey("sesame"), "10.0.0.1"))
            .isInstanceOfSatisfying(ResonanceException.class,
                e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN))
            .hasMessageContaining("\"client-api\"");

        access.unavailable(true);
        assertThatThrownBy(() -> access.signIn(new Credentials.ApiKey("sesame"), "10.0.0.1"))
            .isInstanceOfSatisfying(ResonanceException.class,
                e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.UNAVAILABLE));
    }

    @Test
    void recommendsSaysWhetherTheTestEnabledARecommenderAndNeedsThePermission() {
        assertThat(access.recommends()).isFalse();
        library.recommenders(true);
        assertThat(access.recommends()).isTrue();
        TestClientAccess undeclared = new TestClientAccess(Descriptors.withPermissions("{}"), library, clock);
        assertThatThrownBy(undeclared::recommends).isInstanceOfSatisfying(ResonanceException.class,
            e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN));
    }

    @Test
    void bookmarksAreEachUsersOwnReplacedInPlaceAndOnlyOfSongsTheySee() {
        library.library(1, "Music");
        library.library(2, "Books");
        library.artist(10, "Reader");
        library.album(20, "Book", 10).library(2);
        library.song(30, "Chapter 1", 20);
        library.song(31, "Chapter 2", 20);
        long bob = access.addUser("Bob", Permission.ACCESS_CATALOG);
        access.addAppPassword("bob", "bobs");
        ClientActions app = access.signIn(new Credentials.ApiKey("sesame"), "10.0.0.1").actions();
        ClientActions bobs = access.signIn(new Credentials.ApiKey("bobs"), "10.0.0.1").actions();
        java.time.Instant first = clock.instant();

        app.bookmark(30, 60_000, java.util.Optional.of("the storm"));
        clock.advance(Duration.ofMinutes(1));
        app.bookmark(31, 1_000, java.util.Optional.of(" "));
        bobs.bookmark(30, 5_000, java.util.Optional.empty());
        clock.advance(Duration.ofMinutes(1));
        app.bookmark(30, 90_000, java.util.Optional.of("after it"));

        assertThat(app.bookmarks()).extracting(b -> b.song().id(), ClientActions.Bookmark::positionMs, ClientActions.Bookmark::comment,
            ClientActions.Bookmark::created, ClientActions.Bookmark::changed).containsExactly(
            org.assertj.core.groups.Tuple.tuple(30L, 90_000L, java.util.Optional.of("after it"), first, first.plus(Duration.ofMinutes(2))),
            org.assertj.core.groups.Tuple.tuple(31L, 1_000L, java.util.Optional.empty(), first.plus(Duration.ofMinutes(1)),
                first.plus(Duration.ofMinutes(1))));
        assertThat(bobs.bookmarks()).singleElement().satisfies(b -> assertThat(b.positionMs()).isEqualTo(5_000));

        assertThatThrownBy(() -> app.bookmark(30, -1, java.util.Optional.empty())).isInstanceOfSatisfying(ResonanceException.class,
            e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.INVALID));
        assertThatThrownBy(() -> app.bookmark(99, 0, java.util.Optional.empty())).isInstanceOfSatisfying(ResonanceException.class,
            e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.NOT_FOUND));
        library.restrict(alice, 1L);
        assertThat(app.bookmarks()).as("a library no longer hers").isEmpty();
        app.deleteBookmark(31); // hers, though she cannot see the song
        assertThatThrownBy(() -> app.deleteBookmark(31)).isInstanceOfSatisfying(ResonanceException.class,
            e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.NOT_FOUND));
        library.restrict(alice, 1L, 2L);
        assertThat(app.bookmarks()).extracting(b -> b.song().id()).containsExactly(30L);
        app.deleteBookmark(30);
        app.deleteBookmark(30); // none left: nothing happens
        assertThat(app.bookmarks()).isEmpty();
        assertThat(bobs.bookmarks()).hasSize(1);
        assertThat(bob).isNotEqualTo(alice);
    }

    @Test
    void playingNowIsTheUsersOwnPlayersUntilTheyStopOrGoQuiet() {
        library.library(1, "Music");
        library.artist(10, "Artist");
        library.album(20, "Album", 10);
        library.song(30, "Long", 20).durationMs(300_000);
        library.song(31, "Short", 20).durationMs(100_000);
        long bob = access.addUser("Bob", Permission.ACCESS_CATALOG);
        access.addAppPassword("bob", "bobs");
        ClientSession app = access.signIn(new Credentials.ApiKey("sesame"), "10.0.0.1");
        ClientSession bobs = access.signIn(new Credentials.ApiKey("bobs"), "10.0.0.1");

        app.actions().report(30, ClientActions.PlayerState.PLAYING, 1_000, false);
        library.player(alice, 7, "Web player", 31, false, 40_000, clock.instant());
        bobs.actions().nowPlaying(31);
        clock.advance(Duration.ofSeconds(2));

        assertThat(app.actions().playingNow()).extracting(p -> p.song().id(), ClientActions.NowPlaying::device,
            ClientActions.NowPlaying::state, ClientActions.NowPlaying::positionMs).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(30L, "device " + phone, ClientActions.PlayerState.PLAYING, 3_000L),
            org.assertj.core.groups.Tuple.tuple(31L, "Web player", ClientActions.PlayerState.PAUSED, 40_000L));
        assertThat(bobs.actions().playingNow()).extracting(p -> p.song().id()).containsExactly(31L);
        app.actions().report(30, ClientActions.PlayerState.STOPPED, 3_000, false);
        assertThat(app.actions().playingNow()).extracting(p -> p.song().id()).containsExactly(31L);
        clock.advance(Duration.ofMinutes(ClientActions.PAUSED_SHOWN_MINUTES).minusSeconds(2)); // paused 2 s before
        assertThat(app.actions().playingNow()).as("paused for the whole window").hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(app.actions().playingNow()).isEmpty();
        assertThat(bobs.actions().playingNow()).as("past the song's end and a minute").isEmpty();
        assertThat(bob).isNotEqualTo(alice);
    }
}
