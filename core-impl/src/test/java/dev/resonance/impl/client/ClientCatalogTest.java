package dev.resonance.impl.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Role;
import dev.resonance.api.client.Album;
import dev.resonance.api.client.Artist;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ClientCatalog.AlbumOrder;
import dev.resonance.api.client.ClientCatalog.Filter;
import dev.resonance.api.client.ClientCatalog.Window;
import dev.resonance.api.client.ClientSession;
import dev.resonance.api.client.Credentials;
import dev.resonance.api.client.ItemRef;
import dev.resonance.api.client.Song;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.plugin.PluginPermission;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.library.search.CatalogSearch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a client-protocol plugin reads through {@code ClientAccess}: a scanned library on the real PostgreSQL, read as a
 * user signed in with an app password, with the user's likes, ratings and plays, and nothing of a library they may not
 * see.
 */
class ClientCatalogTest {

    private static ApiHarness api;
    private static String token;
    private static String appPassword;
    private static CoreClientAccess access;
    private static ClientCatalog catalog;
    private static long userId;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        userId = api.createUser("ada", "ada-password", "regular");
        token = api.accessToken("ada", "ada-password", "browser");
        String[][] albums = {
            {"Zebra Songs", "Alpha", "2001", "Rock"}, {"The Apple", "Beta", "1999", "Jazz"}, {"Mango", "Alpha", "2010", "Rock"},
            {"Banana", "Gamma", "2005", "Pop"}, {"Cherry", "The Beta Band", "2020", "Jazz"}};
        for (String[] a : albums) {
            for (int t = 1; t <= 3; t++) {
                PropertiesTagReader.write(api.musicRoot.resolve(a[1] + "/" + a[0] + "/" + t + ".mp3"), "title", a[0] + " track " + t,
                        "artist", a[1], "album", a[0], "albumartist", a[1], "track", Integer.toString(t), "disc", t == 3 ? "2" : "1",
                        "date", a[2], "genre", a[3]);
            }
        }
        PropertiesTagReader.write(api.musicRoot.resolve("Various/Hits/1.mp3"), "title", "Guest spot", "artist", "Gamma",
                "featured", "Alpha", "album", "Hits", "albumartist", "Various Artists", "compilation", "true", "date", "2015",
                "genre", "Pop", "rgtrackgain", "-7.5", "rgtrackpeak", "0.988", "isrc", "GBAYE0601498");
        api.scanMusic();
        appPassword = api.post("v1/user/app-passwords", token, Map.of("name", "DSub")).json().path("secret").asText();
        access = new CoreClientAccess(api.db, backends(api, Optional.of(api.auth)), new CatalogSearch(api.db));
        catalog = access.signIn(new Credentials.Password("ada", appPassword), "192.0.2.1").catalog();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static long id(String sql) {
        return api.db.read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static long albumId(String title) {
        return id("SELECT id FROM albums WHERE title = '" + title + "'");
    }

    private static long trackId(String title) {
        return id("SELECT id FROM tracks WHERE title = '" + title + "'");
    }

    private static List<String> titles(List<Album> albums) {
        return albums.stream().map(Album::title).toList();
    }

    @Test
    void anAppPasswordSignsTheUserInOnItsOwnDeviceAndAnythingElseIsRefused() {
        String salt = "4f2a";
        ClientSession byToken = access.signIn(new Credentials.Token("ada", md5(appPassword + salt), salt), "192.0.2.1");
        ClientSession byKey = access.signIn(new Credentials.ApiKey(appPassword), "192.0.2.1");

        assertThat(byToken.caller().userId()).isEqualTo(userId);
        assertThat(byKey.caller().sessionId()).isEqualTo(byToken.caller().sessionId());
        assertThat(byKey.caller().deviceId()).isNotEqualTo(api.auth.authenticate(token).orElseThrow().deviceId());
        assertThatThrownBy(() -> access.signIn(new Credentials.Password("ada", "ada-password"), "192.0.2.2"))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.code()).isEqualTo("invalid_credentials"));
        CoreClientAccess authAway = new CoreClientAccess(api.db, backends(api, Optional.empty()), new CatalogSearch(api.db));
        assertThatThrownBy(() -> authAway.signIn(new Credentials.ApiKey(appPassword), "192.0.2.1"))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.UNAVAILABLE));
        PermittedClientAccess undeclared = new PermittedClientAccess(access, "sneaky", p -> p != PluginPermission.CLIENT_API);
        assertThatThrownBy(() -> undeclared.signIn(new Credentials.ApiKey(appPassword), "192.0.2.1"))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN));
        assertThat(new PermittedClientAccess(access, "subsonic", p -> true).signIn(new Credentials.ApiKey(appPassword), "192.0.2.1")
                .caller().userId()).isEqualTo(userId);
    }

    /** What sessions act through, with the auth service as given (others unused here). */
    static ClientBackends backends(ApiHarness api, Optional<dev.resonance.impl.auth.AuthService> auth) {
        return new ClientBackends(() -> auth, () -> Optional.of(api.sync), () -> Optional.of(api.history), () -> Optional.of(api.playlists),
                Optional::empty, () -> Optional.of(api.library), () -> Optional.of(api.playback()), trackId -> List.of(), ClientBackends.Similar.NONE);
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void artistsAreListedBySortNameWithTheirAlbumsOldestFirst() {
        List<Artist> artists = catalog.albumArtists(Optional.empty());

        assertThat(artists).extracting(Artist::name).containsExactly("Alpha", "Beta", "The Beta Band", "Gamma", "Various Artists");
        assertThat(artists).extracting(Artist::sortName).startsWith("alpha", "beta", "beta band");
        Artist alpha = artists.get(0);
        assertThat(alpha.albumCount()).isEqualTo(2);
        ClientCatalog.ArtistAlbums detail = catalog.artist(alpha.id()).orElseThrow();
        assertThat(titles(detail.albums())).containsExactly("Zebra Songs", "Mango");
        assertThat(catalog.artist(987654)).isEmpty();
    }

    @Test
    void anAlbumHasItsSongsInDiscAndTrackOrderWithTheirFileAndTags() {
        ClientCatalog.AlbumSongs mango = catalog.album(albumId("Mango")).orElseThrow();

        assertThat(mango.album().songCount()).isEqualTo(3);
        assertThat(mango.album().year()).contains(2010);
        assertThat(mango.album().genres()).containsExactly("Rock");
        assertThat(mango.album().artists()).extracting(ItemRef::name).containsExactly("Alpha");
        assertThat(mango.songs()).extracting(Song::title).containsExactly("Mango track 1", "Mango track 2", "Mango track 3");
        Song first = mango.songs().get(0);
        assertThat(first.disc()).contains(1);
        assertThat(first.track()).contains(1);
        assertThat(first.albumId()).contains(mango.album().id());
        assertThat(first.albumArtist()).isEqualTo("Alpha");
        assertThat(first.file().suffix()).isEqualTo("mp3");
        assertThat(first.file().contentType()).isEqualTo("audio/mpeg");
        assertThat(first.file().sizeBytes()).isPositive();
        assertThat(first.genres()).containsExactly("Rock");
        assertThat(catalog.album(987654)).isEmpty();

        Song guest = catalog.song(trackId("Guest spot")).orElseThrow();
        assertThat(guest.artists()).extracting(ItemRef::name).containsExactly("Gamma", "Alpha");
        assertThat(guest.albumArtists()).extracting(ItemRef::name).containsExactly("Various Artists");
        assertThat(guest.replayGain().trackGain()).contains(-7.5f);
        assertThat(guest.isrc()).contains("GBAYE0601498");
        assertThat(catalog.songs(List.of(trackId("Guest spot"), 987654L, first.id()))).extracting(Song::id)
                .containsExactly(trackId("Guest spot"), first.id());
    }

    @Test
    void albumListsComeInEveryOrderAndPageByOffset() {
        Filter none = Filter.NONE;
        assertThat(titles(catalog.albums(AlbumOrder.BY_TITLE, none, new Window(0, 10))))
                .containsExactly("The Apple", "Banana", "Cherry", "Hits", "Mango", "Zebra Songs"); // sorted without "The"
        assertThat(titles(catalog.albums(AlbumOrder.BY_TITLE, none, new Window(2, 2)))).containsExactly("Cherry", "Hits");
        assertThat(titles(catalog.albums(AlbumOrder.BY_ARTIST, none, new Window(0, 10))))
                .containsExactly("Zebra Songs", "Mango", "The Apple", "Cherry", "Banana", "Hits");
        assertThat(titles(catalog.albums(AlbumOrder.BY_YEAR, new Filter(Optional.empty(), Optional.empty(), Optional.of(2000),
                Optional.of(2010)), new Window(0, 10)))).containsExactly("Zebra Songs", "Banana", "Mango");
        assertThat(titles(catalog.albums(AlbumOrder.BY_YEAR, new Filter(Optional.empty(), Optional.empty(), Optional.of(2010),
                Optional.of(2000)), new Window(0, 10)))).containsExactly("Mango", "Banana", "Zebra Songs");
        assertThat(titles(catalog.albums(AlbumOrder.BY_TITLE, new Filter(Optional.empty(), Optional.of("jAzZ"), Optional.empty(),
                Optional.empty()), new Window(0, 10)))).containsExactly("The Apple", "Cherry");
        assertThat(catalog.albums(AlbumOrder.NEWEST, none, new Window(0, 10))).hasSize(6);
        List<Album> random = catalog.albums(AlbumOrder.RANDOM, none, new Window(0, 10));
        assertThat(new HashSet<>(titles(random))).hasSize(6);
        assertThat(catalog.albums(AlbumOrder.BY_TITLE, none, new Window(0, 0))).isEmpty();
    }

    @Test
    void likesRatingsAndPlaysAreTheUsersOwnAndOrderTheirLists() {
        long apple = albumId("The Apple");
        long banana = albumId("Banana");
        long song = trackId("Banana track 2");
        long alpha = id("SELECT id FROM artists WHERE name = 'Alpha'");
        try {
            assertThat(api.call("PUT", "v1/user/liked/album/" + apple, token, "application/json", "").status()).isEqualTo(200);
            assertThat(api.call("PUT", "v1/user/liked/track/" + song, token, "application/json", "").status()).isEqualTo(200);
            assertThat(api.call("PUT", "v1/user/liked/artist/" + alpha, token, "application/json", "").status()).isEqualTo(200);
            assertThat(api.call("PUT", "v1/user/ratings/album/" + banana, token, "application/json", "{\"rating\":4}").status())
                    .isEqualTo(200);
            api.db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO user_track_plays (user_id, track_id, play_count,"
                    + " last_played_at) VALUES (" + userId + ", " + song + ", 7, now() - interval '1 day'), (" + userId + ", "
                    + trackId("Mango track 1") + ", 2, now())"));

            assertThat(titles(catalog.albums(AlbumOrder.LIKED, Filter.NONE, new Window(0, 10)))).containsExactly("The Apple");
            assertThat(titles(catalog.albums(AlbumOrder.HIGHEST_RATED, Filter.NONE, new Window(0, 10)))).containsExactly("Banana");
            assertThat(titles(catalog.albums(AlbumOrder.MOST_PLAYED, Filter.NONE, new Window(0, 10)))).containsExactly("Banana", "Mango");
            assertThat(titles(catalog.albums(AlbumOrder.RECENTLY_PLAYED, Filter.NONE, new Window(0, 10)))).containsExactly("Mango", "Banana");
            Song played = catalog.song(song).orElseThrow();
            assertThat(played.marks().plays()).isEqualTo(7);
            assertThat(played.marks().liked()).isPresent();
            assertThat(played.marks().lastPlayed()).isPresent();
            Album rated = catalog.album(banana).orElseThrow().album();
            assertThat(rated.marks().rating()).contains(4);
            assertThat(rated.marks().plays()).isEqualTo(7);
            ClientCatalog.Found liked = catalog.liked(Optional.empty());
            assertThat(liked.artists()).extracting(Artist::name).containsExactly("Alpha");
            assertThat(titles(liked.albums())).containsExactly("The Apple");
            assertThat(liked.songs()).extracting(Song::id).containsExactly(song);
            // another user sees none of it
            api.createUser("bob", "bob-password", "regular");
            String bobs = api.post("v1/user/app-passwords", api.accessToken("bob", "bob-password", "phone"), Map.of("name", "x"))
                    .json().path("secret").asText();
            ClientCatalog bob = access.signIn(new Credentials.ApiKey(bobs), "192.0.2.1").catalog();
            assertThat(bob.liked(Optional.empty()).albums()).isEmpty();
            assertThat(bob.song(song).orElseThrow().marks().plays()).isZero();
        } finally {
            api.db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM user_track_plays; DELETE FROM liked_tracks;"
                    + " DELETE FROM liked_albums; DELETE FROM liked_artists; DELETE FROM rated_albums"));
        }
    }

    @Test
    void genresRandomSongsAndSongsOfAGenre() {
        assertThat(catalog.genres()).extracting(ClientCatalog.Genre::name).containsExactly("Jazz", "Pop", "Rock");
        ClientCatalog.Genre pop = catalog.genres().get(1);
        assertThat(pop.albumCount()).isEqualTo(2);
        assertThat(pop.songCount()).isEqualTo(4);

        List<Song> random = catalog.randomSongs(Filter.NONE, 10);
        assertThat(random).hasSize(10);
        assertThat(new HashSet<>(random.stream().map(Song::id).toList())).hasSize(10);
        assertThat(catalog.randomSongs(Filter.NONE, 100)).hasSize(16);
        Filter jazz = new Filter(Optional.empty(), Optional.of("Jazz"), Optional.empty(), Optional.empty());
        assertThat(catalog.randomSongs(jazz, 100)).hasSize(6).allSatisfy(s -> assertThat(s.genres()).contains("Jazz"));
        Filter nineties = new Filter(Optional.empty(), Optional.empty(), Optional.of(1990), Optional.of(1999));
        assertThat(catalog.randomSongs(nineties, 100)).extracting(Song::album).containsOnly("The Apple");

        List<Song> byGenre = catalog.songsByGenre(jazz, new Window(0, 100));
        assertThat(byGenre).extracting(Song::title).containsExactly("The Apple track 1", "The Apple track 2", "The Apple track 3",
                "Cherry track 1", "Cherry track 2", "Cherry track 3");
        assertThat(catalog.songsByGenre(jazz, new Window(4, 10))).extracting(Song::title).containsExactly("Cherry track 2", "Cherry track 3");
    }

    @Test
    void searchFindsByWordsForgivesTyposAndAnEmptyQueryListsEverything() {
        ClientCatalog.Found zebra = catalog.search("zebra", Optional.empty(), new Window(0, 20), new Window(0, 20), new Window(0, 20));
        assertThat(titles(zebra.albums())).containsExactly("Zebra Songs");
        assertThat(zebra.songs()).extracting(Song::title).containsExactlyInAnyOrder("Zebra Songs track 1", "Zebra Songs track 2",
                "Zebra Songs track 3");
        assertThat(catalog.search("mnago", Optional.empty(), new Window(0, 5), new Window(0, 5), new Window(0, 0)).albums())
                .extracting(Album::title).contains("Mango");
        ClientCatalog.Found second = catalog.search("zebra", Optional.empty(), new Window(0, 0), new Window(0, 0), new Window(1, 1));
        assertThat(second.songs()).hasSize(1).first().isEqualTo(zebra.songs().get(1));
        assertThat(second.albums()).isEmpty();

        List<String> everySong = new ArrayList<>();
        for (int offset = 0; ; offset += 5) {
            ClientCatalog.Found page = catalog.search("", Optional.empty(), new Window(offset, 5), new Window(offset, 5), new Window(offset, 5));
            if (page.songs().isEmpty()) {
                break;
            }
            page.songs().forEach(s -> everySong.add(s.title()));
        }
        assertThat(everySong).hasSize(16).doesNotHaveDuplicates();
        assertThat(catalog.search("\"\"", Optional.empty(), new Window(0, 50), new Window(0, 50), new Window(0, 0)).artists()).hasSize(5);
    }

    @Test
    void lyricsComeFromTheLyricsServiceForASongTheUserCanSee() {
        dev.resonance.api.lyrics.Lyrics found = new dev.resonance.api.lyrics.Lyrics("en", true, 0, Optional.empty(), Optional.empty(),
                List.of(dev.resonance.api.lyrics.LyricLine.timed(500, "first line")));
        List<Long> asked = new ArrayList<>();
        ClientBackends withLyrics = new ClientBackends(() -> Optional.of(api.auth), () -> Optional.of(api.sync), () -> Optional.of(api.history),
                () -> Optional.of(api.playlists), Optional::empty, () -> Optional.of(api.library), () -> Optional.of(api.playback()), trackId -> {
                    asked.add(trackId);
                    return List.of(found);
                }, ClientBackends.Similar.NONE);
        ClientCatalog lyricsCatalog = new CoreClientAccess(api.db, withLyrics, new CatalogSearch(api.db))
                .signIn(new Credentials.ApiKey(appPassword), "192.0.2.1").catalog();
        long song = trackId("Mango track 1");

        assertThat(lyricsCatalog.lyrics(song)).containsExactly(found);
        assertThat(lyricsCatalog.lyrics(987654)).isEmpty();
        assertThat(asked).as("the service is not asked about a song the user cannot see").containsExactly(song);
    }

    @Test
    void similarSongsAreTheRecommendersSuggestionsTheUserCanSeeAndWhetherOneIsEnabledIsKnownWithoutASession() {
        long seed = trackId("Mango track 1");
        long liked = trackId("Banana track 2");
        List<List<Long>> asked = new ArrayList<>();
        ClientBackends recommending = new ClientBackends(() -> Optional.of(api.auth), () -> Optional.of(api.sync), () -> Optional.of(api.history),
                () -> Optional.of(api.playlists), Optional::empty, () -> Optional.of(api.library), () -> Optional.of(api.playback()),
                trackId -> List.of(), (caller, seeds, count) -> {
                    asked.add(seeds);
                    return List.of(987654L, liked, trackId("Cherry track 1"));
                });
        ClientCatalog similar = new CoreClientAccess(api.db, recommending, new CatalogSearch(api.db))
                .signIn(new Credentials.ApiKey(appPassword), "192.0.2.1").catalog();

        assertThat(similar.similarSongs(List.of(seed), 2)).extracting(Song::title).containsExactly("Banana track 2");
        assertThat(similar.similarSongs(List.of(seed), 10)).extracting(Song::title).containsExactly("Banana track 2", "Cherry track 1");
        assertThat(asked).allSatisfy(seeds -> assertThat(seeds).containsExactly(seed));
        assertThat(similar.similarSongs(List.of(), 10)).isEmpty();
        assertThat(catalog.similarSongs(List.of(seed), 10)).as("no recommender").isEmpty();
        // whether one is enabled, asked without a session; only by a plugin that declared client-api
        java.util.concurrent.atomic.AtomicBoolean enabled = new java.util.concurrent.atomic.AtomicBoolean();
        ClientBackends.Similar switchable = ClientBackends.Similar.of((caller, seeds, count) -> List.of(), enabled::get);
        CoreClientAccess both = new CoreClientAccess(api.db, new ClientBackends(() -> Optional.of(api.auth), () -> Optional.of(api.sync),
                () -> Optional.of(api.history), () -> Optional.of(api.playlists), Optional::empty, () -> Optional.of(api.library),
                () -> Optional.of(api.playback()), trackId -> List.of(), switchable), new CatalogSearch(api.db));
        assertThat(access.recommends()).isFalse();
        assertThat(new CoreClientAccess(api.db, recommending, new CatalogSearch(api.db)).recommends()).isTrue();
        assertThat(both.recommends()).isFalse();
        enabled.set(true);
        assertThat(new PermittedClientAccess(both, "subsonic", p -> true).recommends()).isTrue();
        assertThatThrownBy(() -> new PermittedClientAccess(both, "sneaky", p -> p != PluginPermission.CLIENT_API).recommends())
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN));
    }

    @Test
    void topSongsOfAnArtistAreTheMostPlayedOnTheServer() {
        long second = trackId("Mango track 2");
        try {
            api.db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO track_popularity (track_id, play_count, last_played_at)"
                    + " VALUES (" + second + ", 40, now())"));
            List<Song> top = catalog.topSongs("ALPHA", 3);
            assertThat(top).hasSize(3);
            assertThat(top.get(0).id()).isEqualTo(second);
            assertThat(catalog.topSongs("Nobody", 3)).isEmpty();
        } finally {
            api.db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM track_popularity"));
        }
    }

    @Test
    void aUserSeesNothingOfALibraryTheyMayNotSeeAndNeedsAccessCatalog() throws Exception {
        java.nio.file.Path otherRoot = api.musicRoot.resolveSibling("other-" + UUID.randomUUID());
        PropertiesTagReader.write(otherRoot.resolve("Secret/Hidden/1.mp3"), "title", "Hidden track", "artist", "Secret",
                "album", "Hidden", "albumartist", "Secret", "genre", "Rock");
        long other = api.library.ensureLibrary("Other", otherRoot).id();
        long music = id("SELECT id FROM libraries WHERE name = 'Music'");
        api.scanMusic();
        try {
            api.db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO user_library_access (user_id, library_id) VALUES ("
                    + userId + ", " + music + ")"));
            assertThat(catalog.libraries()).extracting(ClientCatalog.Library::name).containsExactly("Music");
            assertThat(catalog.albumArtists(Optional.empty())).extracting(Artist::name).doesNotContain("Secret");
            assertThat(catalog.album(albumId("Hidden"))).isEmpty();
            assertThat(catalog.song(trackId("Hidden track"))).isEmpty();
            assertThat(catalog.search("hidden", Optional.empty(), new Window(0, 5), new Window(0, 5), new Window(0, 5)).songs()).isEmpty();
            assertThat(catalog.albums(AlbumOrder.BY_TITLE, new Filter(Optional.of(other), Optional.empty(), Optional.empty(),
                    Optional.empty()), new Window(0, 10))).isEmpty();
            assertThat(catalog.randomSongs(Filter.NONE, 100)).extracting(Song::title).doesNotContain("Hidden track");
            assertThat(catalog.genres()).filteredOn(g -> g.name().equals("Rock")).singleElement()
                    .satisfies(g -> assertThat(g.songCount()).isEqualTo(6));

            ClientCatalog withoutAccess = access.session(new Caller(userId, "ada", Role.REGULAR, Set.of(), 1, UUID.randomUUID())).catalog();
            assertThatThrownBy(() -> withoutAccess.albums(AlbumOrder.NEWEST, Filter.NONE, new Window(0, 5)))
                    .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN));
        } finally {
            api.db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM user_library_access"));
            api.db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM libraries WHERE name = 'Other'"));
            api.db.inTransaction(c -> { // the artists' and genres' counts, as the core refreshes them when it removes a library
                dev.resonance.impl.library.scan.Scanner.refreshCounts(c);
                return null;
            });
        }
    }
}
