package dev.resonance.impl.library.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Role;
import dev.resonance.api.search.SearchKind;
import dev.resonance.impl.library.scan.CatalogFixture;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.library.scan.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's search kept current by the scanner (changed tags, rows from before search existed), the normalisation both
 * sides share, and the typo rule (playlists as a source: SearchApiTest).
 */
class CatalogSearchTest {

    @TempDir
    Path root;

    private CatalogFixture catalog;
    private Scanner scanner;
    private CatalogSearch search;
    private final Caller admin = new Caller(1, "admin", Role.ADMIN, Set.of(), 1, UUID.randomUUID());

    @BeforeEach
    void start() throws Exception {
        catalog = new CatalogFixture(root);
        scanner = new Scanner(catalog.db, new PropertiesTagReader(), new Scanner.Settings(1, Duration.ofDays(30)));
        search = new CatalogSearch(catalog.db);
    }

    @AfterEach
    void stop() {
        catalog.close();
    }

    private void scan() throws Exception {
        scanner.scan(catalog.libraryId, root, Optional.empty(), false, scanner.progress("quick", catalog.libraryId));
    }

    private List<String> trackTitles(String query) {
        List<Long> ids = search.search(admin, new CatalogSearch.Request(query, Set.of(SearchKind.TRACK), Optional.empty(),
                Optional.empty(), 20, 0, false)).hits().get(SearchKind.TRACK).ids();
        return titles(catalog.db, ids);
    }

    /** The titles of tracks {@code ids}, in order. */
    static List<String> titles(dev.resonance.api.db.Database db, List<Long> ids) {
        return db.read(c -> {
            List<String> titles = new java.util.ArrayList<>();
            for (long id : ids) {
                try (var ps = c.prepareStatement("SELECT title FROM tracks WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        titles.add(rs.getString(1));
                    }
                }
            }
            return titles;
        });
    }

    @Test
    void amongEquallyGoodMatchesTheMorePlayedRanksFirst() throws Exception {
        dev.resonance.impl.library.scan.PropertiesTagReader.write(root.resolve("a/1.mp3"), "title", "Ocean Blue", "artist", "A",
            "album", "One", "track", "1");
        dev.resonance.impl.library.scan.PropertiesTagReader.write(root.resolve("b/1.mp3"), "title", "Ocean Blue", "artist", "B",
            "album", "Two", "track", "1");
        scan();
        List<Long> before = search.search(admin, new CatalogSearch.Request("ocean blue", Set.of(SearchKind.TRACK), Optional.empty(),
            Optional.empty(), 20, 0, false)).hits().get(SearchKind.TRACK).ids();
        assertThat(before).hasSize(2);
        long lessPlayed = before.get(0);
        long morePlayed = before.get(1);
        catalog.db.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO track_popularity (track_id, play_count, last_played_at) VALUES (?, ?, now())")) {
                ps.setLong(1, morePlayed);
                ps.setLong(2, 5);
                ps.addBatch();
                ps.setLong(1, lessPlayed);
                ps.setLong(2, 1);
                ps.addBatch();
                ps.executeBatch();
            }
            return null;
        });

        List<Long> after = search.search(admin, new CatalogSearch.Request("ocean blue", Set.of(SearchKind.TRACK), Optional.empty(),
            Optional.empty(), 20, 0, false)).hits().get(SearchKind.TRACK).ids();

        assertThat(after).containsExactly(morePlayed, lessPlayed);
    }

    @Test
    void aRescanOfChangedTagsChangesWhatIsFound() throws Exception {
        Path file = root.resolve("a/1.mp3");
        PropertiesTagReader.write(file, "title", "Hoppípolla", "artist", "Sigur Rós", "album", "Takk...");
        scan();
        assertThat(trackTitles("hoppipolla")).containsExactly("Hoppípolla");

        PropertiesTagReader.write(file, "title", "Glósóli", "artist", "Sigur Rós", "album", "Takk...");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        scan();

        assertThat(trackTitles("glosoli")).containsExactly("Glósóli");
        assertThat(trackTitles("hoppipolla")).isEmpty();
        assertThat(trackTitles("glosli")).as("the new words are known for typos").containsExactly("Glósóli");
    }

    @Test
    void rowsWithoutASearchDocumentAreIndexedByTheNextScan() throws Exception {
        PropertiesTagReader.write(root.resolve("a/1.mp3"), "title", "Svefn-g-englar", "artist", "Sigur Rós", "album", "Ágætis byrjun",
                "albumartist", "Sigur Rós");
        scan();
        catalog.db.inTransaction(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("UPDATE tracks SET search_name = NULL, search_context = NULL");
                s.executeUpdate("UPDATE albums SET search_name = NULL, search_context = NULL");
                s.executeUpdate("UPDATE artists SET search_name = NULL, search_context = NULL");
                s.executeUpdate("DELETE FROM search_words");
            }
            return null;
        });
        assertThat(trackTitles("svefn")).isEmpty();

        scan(); // nothing changed on disk

        assertThat(trackTitles("svefn")).containsExactly("Svefn-g-englar");
        assertThat(trackTitles("agaetis englar")).as("context: the album").containsExactly("Svefn-g-englar");
        assertThat(trackTitles("sigru")).as("the words are back for typos").containsExactly("Svefn-g-englar");
        List<Long> artists = search.search(admin, new CatalogSearch.Request("sigur ros", Set.of(SearchKind.ARTIST), Optional.empty(),
                Optional.empty(), 20, 0, false)).hits().get(SearchKind.ARTIST).ids();
        assertThat(artists).hasSize(1);
    }

    @Test
    void documentsAndQueriesAreNormalisedAlike() {
        assertThat(SearchText.normalize("  Björk — Jóga ")).isEqualTo("bjork joga");
        assertThat(SearchText.normalize("Sigur Rós")).isEqualTo("sigur ros");
        assertThat(SearchText.normalize("AC/DC")).isEqualTo("ac dc");
        assertThat(SearchText.normalize("Mø, Straße & Æther")).isEqualTo("mo strasse aether");
        assertThat(SearchText.normalize("Guns N' Roses")).isEqualTo("guns n roses");
        assertThat(SearchText.normalize("!!!")).isEmpty();
        assertThat(SearchText.words("Ágætis byrjun")).containsExactly("agaetis", "byrjun");
        assertThat(SearchText.join(List.of("The Beatles", "", "Abbey Road"))).isEqualTo("the beatles abbey road");
    }

    @Test
    void typosAreAllowedByWordLength() {
        assertThat(Typos.within("beatls", "beatles")).isTrue();
        assertThat(Typos.within("abey", "abbey")).isTrue();
        assertThat(Typos.within("sigru", "sigur")).as("neighbours swapped: one typo").isTrue();
        assertThat(Typos.within("sigu", "sigrid")).as("4 letters: no mistyped beginnings").isFalse();
        assertThat(Typos.within("baetl", "beatles")).as("a mistyped beginning, as you type").isTrue();
        assertThat(Typos.within("sig", "sag")).as("3 letters: taken as typed").isFalse();
        assertThat(Typos.within("homogenik", "homogenic")).isTrue();
        assertThat(Typos.within("abcd", "wxyz")).isFalse();
        assertThat(Typos.distance("kitten", "sitting")).isEqualTo(3);
    }
}
