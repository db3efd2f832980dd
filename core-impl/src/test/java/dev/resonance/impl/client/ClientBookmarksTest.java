package dev.resonance.impl.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Role;
import dev.resonance.api.client.ClientActions;
import dev.resonance.api.client.ClientActions.Bookmark;
import dev.resonance.api.client.ClientSession;
import dev.resonance.api.client.Credentials;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.library.search.CatalogSearch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bookmarks (a saved position per user and song) on the real PostgreSQL, through a client session signed in with an
 * app password: saved, replaced, listed with their songs read as the catalog reads them, deleted; each user's own; the
 * songs the user cannot see left out.
 */
class ClientBookmarksTest {

    private ApiHarness api;
    private CoreClientAccess access;
    private ClientSession ada;
    private long one;
    private long two;

    @BeforeEach
    void start() throws Exception {
        api = new ApiHarness();
        api.createUser("ada", "ada-password", "regular");
        for (int t = 1; t <= 2; t++) {
            PropertiesTagReader.write(api.musicRoot.resolve("Reader/Book/" + t + ".mp3"), "title", "Chapter " + t, "artist", "Reader",
                    "album", "Book", "albumartist", "Reader", "track", Integer.toString(t), "duration", "3600000");
        }
        api.scanMusic();
        access = new CoreClientAccess(api.db, ClientCatalogTest.backends(api, Optional.of(api.auth)), new CatalogSearch(api.db));
        ada = signIn("ada", "ada-password");
        one = trackId("Chapter 1");
        two = trackId("Chapter 2");
        api.clock.freeze();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private ClientSession signIn(String user, String password) {
        String token = api.accessToken(user, password, "browser");
        String secret = api.post("v1/user/app-passwords", token, Map.of("name", "Audiobooks")).json().path("secret").asText();
        return access.signIn(new Credentials.ApiKey(secret), "192.0.2.1");
    }

    private long trackId(String title) {
        return api.db.read(c -> {
            try (var ps = c.prepareStatement("SELECT id FROM tracks WHERE title = ?")) {
                ps.setString(1, title);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private void sql(String statement, Object... values) {
        api.db.inTransaction(c -> {
            try (var ps = c.prepareStatement(statement)) {
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(i + 1, values[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private static void refused(ThrowingCallable call, ResonanceException.Kind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    @Test
    void aBookmarkIsSavedReplacedListedWithItsSongAndDeleted() {
        ClientActions actions = ada.actions();
        assertThat(actions.bookmarks()).isEmpty();
        Instant first = api.clock.instant();

        actions.bookmark(one, 600_000, Optional.of("the storm"));
        api.clock.advance(Duration.ofMinutes(1));
        actions.bookmark(two, 5_000, Optional.empty());

        List<Bookmark> saved = actions.bookmarks();
        assertThat(saved).as("most recently saved first").extracting(b -> b.song().id(), Bookmark::positionMs, Bookmark::comment)
                .containsExactly(tuple(two, 5_000L, Optional.empty()), tuple(one, 600_000L, Optional.of("the storm")));
        assertThat(saved.get(1).song().title()).isEqualTo("Chapter 1");
        assertThat(saved.get(1).song().album()).isEqualTo("Book");
        assertThat(saved.get(1).created()).isEqualTo(first);
        assertThat(saved.get(1).changed()).isEqualTo(first);

        api.clock.advance(Duration.ofMinutes(1));
        actions.bookmark(one, 900_000, Optional.of("after the storm"));
        Bookmark replaced = actions.bookmarks().get(0);
        assertThat(replaced.song().id()).isEqualTo(one);
        assertThat(replaced.positionMs()).isEqualTo(900_000);
        assertThat(replaced.comment()).contains("after the storm");
        assertThat(replaced.created()).as("kept").isEqualTo(first);
        assertThat(replaced.changed()).isEqualTo(first.plus(Duration.ofMinutes(2)));
        assertThat(actions.bookmarks()).as("still one per song").hasSize(2);

        actions.bookmark(one, 900_000, Optional.of("  "));
        assertThat(actions.bookmarks().get(0).comment()).as("a blank comment is none").isEmpty();

        actions.deleteBookmark(one);
        assertThat(actions.bookmarks()).extracting(b -> b.song().id()).containsExactly(two);
        actions.deleteBookmark(one); // none left: nothing happens
        assertThat(actions.bookmarks()).hasSize(1);
    }

    @Test
    void eachUsersBookmarksAreTheirOwn() {
        api.createUser("bob", "bob-password", "regular");
        ClientSession bob = signIn("bob", "bob-password");

        bob.actions().bookmark(one, 1_000, Optional.of("bob's"));
        ada.actions().bookmark(one, 2_000, Optional.empty());

        assertThat(ada.actions().bookmarks()).singleElement().satisfies(b -> {
            assertThat(b.positionMs()).isEqualTo(2_000);
            assertThat(b.comment()).isEmpty();
        });
        ada.actions().deleteBookmark(one);
        assertThat(ada.actions().bookmarks()).isEmpty();
        assertThat(bob.actions().bookmarks()).singleElement().satisfies(b -> assertThat(b.comment()).contains("bob's"));
    }

    @Test
    void songsTheUserCannotSeeAreLeftOutAndComeBackWithThem() throws Exception {
        ada.actions().bookmark(one, 1_000, Optional.empty());
        api.clock.advance(Duration.ofSeconds(1));
        ada.actions().bookmark(two, 2_000, Optional.empty());

        sql("UPDATE tracks SET missing_since = now() WHERE id = ?", one);
        assertThat(ada.actions().bookmarks()).extracting(b -> b.song().id()).containsExactly(two);
        refused(() -> ada.actions().bookmark(one, 3_000, Optional.empty()), ResonanceException.Kind.NOT_FOUND);
        sql("UPDATE tracks SET missing_since = NULL WHERE id = ?", one);
        assertThat(ada.actions().bookmarks()).as("found again, as it was").extracting(b -> b.song().id(), Bookmark::positionMs)
                .containsExactly(tuple(two, 2_000L), tuple(one, 1_000L));

        long adaId = ada.caller().userId();
        long other = api.library.ensureLibrary("Other", api.musicRoot.resolveSibling("other-" + UUID.randomUUID())).id();
        sql("INSERT INTO user_library_access (user_id, library_id) VALUES (?, ?)", adaId, other);
        assertThat(ada.actions().bookmarks()).as("a library no longer hers").isEmpty();
        refused(() -> ada.actions().bookmark(two, 3_000, Optional.empty()), ResonanceException.Kind.NOT_FOUND);
        ada.actions().deleteBookmark(two); // hers, though she cannot see the song: deleted
        refused(() -> ada.actions().deleteBookmark(two), ResonanceException.Kind.NOT_FOUND);
        sql("DELETE FROM user_library_access WHERE user_id = ?", adaId);
        assertThat(ada.actions().bookmarks()).extracting(b -> b.song().id()).containsExactly(one);
    }

    @Test
    void aPurgedSongTakesItsBookmarksWithIt() {
        ada.actions().bookmark(one, 1_000, Optional.empty());

        sql("DELETE FROM tracks WHERE id = ?", one);

        long left = api.db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM bookmarks")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(left).isZero();
    }

    @Test
    void wrongValuesUnknownSongsAndMissingPermissionsChangeNothing() {
        ClientActions actions = ada.actions();

        refused(() -> actions.bookmark(one, -1, Optional.empty()), ResonanceException.Kind.INVALID);
        refused(() -> actions.bookmark(one, 0, Optional.of("x".repeat(ClientActions.MAX_BOOKMARK_COMMENT + 1))),
                ResonanceException.Kind.INVALID);
        refused(() -> actions.bookmark(987654, 0, Optional.empty()), ResonanceException.Kind.NOT_FOUND);
        refused(() -> actions.deleteBookmark(987654), ResonanceException.Kind.NOT_FOUND);
        ClientActions withoutCatalog = access.session(new Caller(ada.caller().userId(), "ada", Role.REGULAR, Set.of(),
                ada.caller().deviceId(), ada.caller().sessionId())).actions();
        refused(() -> withoutCatalog.bookmark(one, 0, Optional.empty()), ResonanceException.Kind.FORBIDDEN);
        refused(withoutCatalog::bookmarks, ResonanceException.Kind.FORBIDDEN);
        refused(() -> withoutCatalog.deleteBookmark(one), ResonanceException.Kind.FORBIDDEN);
        assertThat(actions.bookmarks()).isEmpty();

        // the limit counts characters as PostgreSQL does (code points), not UTF-16 units
        String longest = "🎧".repeat(ClientActions.MAX_BOOKMARK_COMMENT);
        actions.bookmark(one, 0, Optional.of(longest));
        assertThat(actions.bookmarks()).singleElement().satisfies(b -> {
            assertThat(b.comment()).contains(longest);
            assertThat(b.positionMs()).isZero();
        });
    }
}
