package dev.resonance.impl.library.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Role;
import dev.resonance.api.client.Album;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ClientCatalog.AlbumOrder;
import dev.resonance.api.client.ClientCatalog.Filter;
import dev.resonance.api.client.ClientCatalog.Window;
import dev.resonance.api.search.SearchKind;
import dev.resonance.impl.library.scan.CatalogFixture;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.library.scan.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory index answers what the statements on PostgreSQL answer (the same queries through both, compared id by
 * id and in order, on a generated catalog of two libraries with typos, filters, plays and paging), and answers only
 * while it holds what the database holds: after a rescan, during a scan, after a library is removed, the search runs
 * on PostgreSQL until a new snapshot is read.
 */
class SearchMemoryTest {

    @TempDir
    Path root;
    @TempDir
    Path other;

    private CatalogFixture catalog;
    private Scanner scanner;
    private long otherLibrary;
    private SearchMemory memory;
    private CatalogSearch inMemory;
    private CatalogSearch onDatabase;
    private final Caller admin = new Caller(1, "admin", Role.ADMIN, Set.of(), 1, UUID.randomUUID());

    @BeforeEach
    void start() {
        catalog = new CatalogFixture(root);
        scanner = new Scanner(catalog.db, new PropertiesTagReader(), new Scanner.Settings(1, Duration.ofDays(30)));
        otherLibrary = catalog.db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO libraries (name, path) VALUES ('Other', ?) RETURNING id")) {
                ps.setString(1, other.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        memory = new SearchMemory(catalog.db, Clock.systemUTC(), task -> { }); // refreshed by hand: each step decides when
        inMemory = new CatalogSearch(catalog.db, memory);
        onDatabase = new CatalogSearch(catalog.db);
    }

    @AfterEach
    void stop() {
        memory.close();
        catalog.close();
    }

    private void scan() throws Exception {
        scanner.scan(catalog.libraryId, root, Optional.empty(), false, scanner.progress("quick", catalog.libraryId));
        scanner.scan(otherLibrary, other, Optional.empty(), false, scanner.progress("quick", otherLibrary));
    }

    private static final String[] WORDS = {"light", "ocean", "electric", "sky", "echo", "hits", "bridge", "quiet", "rising", "garden",
        "dream", "silver", "blue", "night", "fire", "river", "lights", "oceanic", "skyline", "dreamer", "gardens", "2012", "of", "in",
        "a", "homogenic", "road", "abbey", "sun", "rain"};

    private static String words(Random random, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String w = WORDS[random.nextInt(WORDS.length)];
            out.add(Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return String.join(" ", out);
    }

    /** ~360 tracks on 48 albums by 16 artists (some named "The …", some accented), in two libraries, with genres and years. */
    private List<String> generate(Random random) throws Exception {
        List<String> names = new ArrayList<>(List.of("The Beatles", "Björk", "Sigur Rós", "The Light Giants"));
        while (names.size() < 16) {
            String name = (random.nextInt(3) == 0 ? "The " : "") + words(random, 1 + random.nextInt(2));
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        String[] genres = {"Rock", "Pop", "Jazz", "Ambient"};
        List<String> typed = new ArrayList<>(names);
        for (int album = 0; album < 48; album++) {
            String artist = names.get(album % names.size());
            String title = album == 0 ? "Abbey Road" : words(random, 1 + random.nextInt(3)) + (random.nextInt(5) == 0 ? " 2012" : "");
            typed.add(title);
            Path dir = (album % 3 == 0 ? other : root).resolve("album" + album);
            String year = Integer.toString(1990 + random.nextInt(30));
            String genre = genres[random.nextInt(genres.length)];
            for (int track = 1; track <= 5 + random.nextInt(5); track++) {
                String song = words(random, 1 + random.nextInt(3));
                typed.add(song);
                List<String> tags = new ArrayList<>(List.of("title", song, "artist", artist, "album", title, "albumartist", artist,
                    "track", Integer.toString(track), "date", year, "genre", genre));
                if (random.nextInt(6) == 0) {
                    tags.addAll(List.of("featured", names.get(random.nextInt(names.size()))));
                }
                PropertiesTagReader.write(dir.resolve(track + ".mp3"), tags.toArray(String[]::new));
            }
        }
        return typed;
    }

    /** What a user types for {@code name}: its first 1–3 words, the last one cut, and sometimes one typo (as the benchmark). */
    private static String typed(Random random, String name) {
        List<String> words = SearchText.words(name);
        int n = Math.min(words.size(), 1 + random.nextInt(3));
        List<String> prefix = new ArrayList<>(words.subList(0, n));
        String last = prefix.get(n - 1);
        if (last.length() > 4) {
            prefix.set(n - 1, last.substring(0, 4 + random.nextInt(last.length() - 3)));
        }
        if (random.nextBoolean()) {
            int w = random.nextInt(prefix.size());
            String word = prefix.get(w);
            if (word.length() >= 3) {
                int at = 1 + random.nextInt(word.length() - 1);
                word = switch (random.nextInt(4)) {
                    case 0 -> at + 1 < word.length() ? word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2) : word;
                    case 1 -> word.substring(0, at) + word.substring(at + 1);
                    case 2 -> word.substring(0, at) + word.charAt(at) + word.substring(at);
                    default -> word.substring(0, at) + (char) ('a' + random.nextInt(26)) + word.substring(at + 1);
                };
                prefix.set(w, word);
            }
        }
        return String.join(" ", prefix);
    }

    private Map<SearchKind, List<Long>> ranked(CatalogSearch search, Optional<Long[]> libs, CatalogSearch.Request request, boolean memoryExpected) {
        return catalog.db.read(c -> {
            CatalogSearch.Prepared prepared = search.prepare(c, libs, admin, request);
            if (prepared.plan().isPresent()) {
                assertThat(prepared.inMemory()).as("in memory: %s", request.text()).isEqualTo(memoryExpected);
            }
            Map<SearchKind, List<Long>> out = new LinkedHashMap<>();
            for (SearchKind kind : prepared.kinds()) {
                List<Long> ids = search.ranked(c, prepared, kind);
                out.put(kind, ids.subList(0, Math.min(ids.size(), prepared.need())));
            }
            return out;
        });
    }

    private static CatalogSearch.Request request(String text, Optional<Long> genre, Optional<Integer> year, int limit, int offset) {
        return new CatalogSearch.Request(text, EnumSet.of(SearchKind.ARTIST, SearchKind.ALBUM, SearchKind.TRACK), genre, year, limit,
            offset, false);
    }

    @Test
    void answersWhatTheDatabaseAnswers() throws Exception {
        Random random = new Random(7);
        List<String> names = generate(random);
        scan();
        catalog.db.inTransaction(c -> {
            // plays on a third of the tracks: the ranking's popularity
            try (var s = c.createStatement()) {
                s.executeUpdate("INSERT INTO track_popularity (track_id, play_count, last_played_at)"
                    + " SELECT id, 1 + id % 7, now() FROM tracks WHERE id % 3 = 0");
            }
            return null;
        });
        memory.refresh();
        List<Long> genres = catalog.db.read(c -> {
            List<Long> ids = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT id FROM genres ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
        Set<String> queries = new LinkedHashSet<>(List.of("beatls abey road", "bjork", "sigur", "sig", "the", "the light", "lgiht oc",
            "electirc s", "light ocean", "homogenik", "echo hits 2012", "a", "of the", "sky", "zzzz", "rivr", "dreamr gardn"));
        while (queries.size() < 160) {
            queries.add(typed(random, names.get(random.nextInt(names.size()))));
        }
        Optional<Long[]> otherOnly = Optional.of(new Long[] {otherLibrary});
        int compared = 0;
        int nonEmpty = 0;
        for (String q : queries) {
            List<CatalogSearch.Request> requests = List.of(request(q, Optional.empty(), Optional.empty(), 20, 0),
                request(q, Optional.empty(), Optional.empty(), 5, 5),
                request(q, Optional.of(genres.get(q.length() % genres.size())), Optional.empty(), 20, 0),
                request(q, Optional.empty(), Optional.of(1990 + q.length() % 30), 20, 0));
            for (CatalogSearch.Request r : requests) {
                for (Optional<Long[]> libs : List.of(Optional.<Long[]>empty(), otherOnly)) {
                    Map<SearchKind, List<Long>> expected = ranked(onDatabase, libs, r, false);
                    Map<SearchKind, List<Long>> actual = ranked(inMemory, libs, r, true);
                    assertThat(actual).as("%s (genre %s, year %s, offset %d, libraries %s)", q, r.genreId(), r.year(), r.offset(),
                        libs.map(List::of)).isEqualTo(expected);
                    compared++;
                    nonEmpty += expected.values().stream().anyMatch(ids -> !ids.isEmpty()) ? 1 : 0;
                }
            }
        }
        assertThat(compared).isEqualTo(queries.size() * 8);
        assertThat(nonEmpty).as("most searches find something: the comparison is not of empty answers").isGreaterThan(compared / 2);
    }

    @Test
    void albumListingsByOffsetAreThePagesPostgreSQLAnswers() throws Exception {
        generate(new Random(11));
        scan();
        memory.refresh();
        Caller reader = new Caller(1, "admin", Role.ADMIN, Set.of(dev.resonance.api.auth.Permission.ACCESS_CATALOG), 1, UUID.randomUUID());
        dev.resonance.impl.client.ClientBackends none = new dev.resonance.impl.client.ClientBackends(Optional::empty, Optional::empty,
            Optional::empty, Optional::empty, Optional::empty, Optional::empty, Optional::empty, id -> List.of(),
            dev.resonance.impl.client.ClientBackends.Similar.NONE);
        ClientCatalog held = new dev.resonance.impl.client.CoreClientAccess(catalog.db, none, inMemory).session(reader).catalog();
        ClientCatalog database = new dev.resonance.impl.client.CoreClientAccess(catalog.db, none, onDatabase).session(reader).catalog();
        Optional<List<Long>> fromMemory = catalog.db.read(c -> inMemory.albumPage(c, AlbumOrders.Order.TITLE, Optional.empty(), 0, 5));
        assertThat(fromMemory).as("the listing is answered from memory").isPresent();
        int albums = catalog.db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM albums WHERE track_count > 0")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(albums).isEqualTo(48);
        int compared = 0;
        for (AlbumOrder order : List.of(AlbumOrder.BY_TITLE, AlbumOrder.NEWEST, AlbumOrder.BY_ARTIST)) {
            for (Optional<Long> library : List.of(Optional.<Long>empty(), Optional.of(otherLibrary), Optional.of(catalog.libraryId),
                    Optional.of(-1L))) {
                Filter filter = new Filter(library, Optional.empty(), Optional.empty(), Optional.empty());
                for (int offset : new int[] {0, 1, 7, 15, 16, 30, 47, 48, 60}) {
                    for (int count : new int[] {1, 5, 20, 500}) {
                        Window window = new Window(offset, count);
                        assertThat(ids(held.albums(order, filter, window))).as("%s in %s at %d, %d", order, library, offset, count)
                            .isEqualTo(ids(database.albums(order, filter, window)));
                        compared++;
                    }
                }
            }
            assertThat(database.albums(order, new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                new Window(0, 500))).as("%s lists every album", order).hasSize(48);
        }
        assertThat(compared).isEqualTo(3 * 4 * 9 * 4);

        // random: different albums, of the library asked, as many as asked (or all there are)
        Filter other = new Filter(Optional.of(otherLibrary), Optional.empty(), Optional.empty(), Optional.empty());
        Set<Long> inOther = Set.copyOf(ids(database.albums(AlbumOrder.BY_TITLE, other, new Window(0, 500))));
        assertThat(inOther).hasSize(16);
        for (int count : new int[] {1, 3, 10, 16, 40}) {
            List<Long> drawn = ids(held.albums(AlbumOrder.RANDOM, other, new Window(0, count)));
            assertThat(drawn).hasSize(Math.min(count, 16)).doesNotHaveDuplicates();
            assertThat(inOther).containsAll(drawn);
        }
        List<Long> all = ids(held.albums(AlbumOrder.RANDOM, new Filter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty()), new Window(0, 10)));
        assertThat(all).hasSize(10).doesNotHaveDuplicates();
    }

    private static List<Long> ids(List<Album> albums) {
        return albums.stream().map(Album::id).toList();
    }

    @Test
    void answersOnlyWhileItHoldsWhatTheDatabaseHolds() throws Exception {
        Path file = root.resolve("a/1.mp3");
        PropertiesTagReader.write(file, "title", "Hoppípolla", "artist", "Sigur Rós", "album", "Takk...");
        scan();
        assertThat(titles("hoppipolla")).as("nothing read before a search asks").containsExactly("Hoppípolla");
        memory.refresh();
        assertThat(inMemory("hoppipolla")).isTrue();
        assertThat(titles("hoppipolla")).containsExactly("Hoppípolla");

        // a rescan changed the tags: the database answers until the snapshot is read again
        PropertiesTagReader.write(file, "title", "Glósóli", "artist", "Sigur Rós", "album", "Takk...");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        scan();
        assertThat(inMemory("glosoli")).isFalse();
        assertThat(titles("glosoli")).containsExactly("Glósóli");
        assertThat(titles("hoppipolla")).isEmpty();
        memory.refresh();
        assertThat(inMemory("glosoli")).isTrue();
        assertThat(titles("glosoli")).containsExactly("Glósóli");
        assertThat(titles("hoppipolla")).isEmpty();

        // a scan running (here, or on another node): the database answers, and no snapshot is read meanwhile
        long scanId = catalog.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO library_scans (library_id, kind) VALUES (?, 'quick') RETURNING id")) {
                ps.setLong(1, catalog.libraryId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        assertThat(inMemory("glosoli")).isFalse();
        memory.refresh();
        assertThat(memory.loaded()).as("the old snapshot dropped, no new one read while the scan runs").isFalse();
        assertThat(inMemory("glosoli")).isFalse();
        catalog.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE library_scans SET state = 'done', finished_at = now() WHERE id = ?")) {
                ps.setLong(1, scanId);
                ps.executeUpdate();
            }
            return null;
        });
        memory.refresh();
        assertThat(inMemory("glosoli")).isTrue();

        // a library removed (with its catalog)
        catalog.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("DELETE FROM libraries WHERE id = ?")) {
                ps.setLong(1, catalog.libraryId);
                ps.executeUpdate();
            }
            return null;
        });
        assertThat(inMemory("glosoli")).isFalse();
        assertThat(titles("glosoli")).isEmpty();
        memory.refresh();
        assertThat(inMemory("sigur")).isTrue();
        assertThat(titles("glosoli")).isEmpty();
    }

    @Test
    void playsReachTheRankingWhenTheyAreReadAgain() throws Exception {
        PropertiesTagReader.write(root.resolve("a/1.mp3"), "title", "Ocean Blue", "artist", "A", "album", "One", "track", "1");
        PropertiesTagReader.write(root.resolve("b/1.mp3"), "title", "Ocean Blue", "artist", "B", "album", "Two", "track", "1");
        scan();
        memory.refresh();
        List<Long> before = trackIds("ocean blue");
        assertThat(before).hasSize(2);
        catalog.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO track_popularity (track_id, play_count, last_played_at) VALUES (?, 5, now())")) {
                ps.setLong(1, before.get(1));
                ps.executeUpdate();
            }
            return null;
        });
        memory.refresh();
        assertThat(inMemory("ocean blue")).isTrue();
        assertThat(trackIds("ocean blue")).containsExactly(before.get(1), before.get(0));
    }

    private boolean inMemory(String text) {
        return catalog.db.read(c -> inMemory.prepare(c, Optional.empty(), admin,
            request(text, Optional.empty(), Optional.empty(), 20, 0)).inMemory());
    }

    private List<Long> trackIds(String text) {
        return inMemory.search(admin, new CatalogSearch.Request(text, Set.of(SearchKind.TRACK), Optional.empty(), Optional.empty(), 20,
            0, false)).hits().get(SearchKind.TRACK).ids();
    }

    private List<String> titles(String text) {
        return CatalogSearchTest.titles(catalog.db, trackIds(text));
    }
}
