package dev.resonance.impl.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Role;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.library.AlbumInfo;
import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.CatalogPage;
import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.api.library.EmbeddedLyrics.Kind;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.library.browse.CatalogViews;
import dev.resonance.impl.library.browse.Cursor;
import dev.resonance.impl.library.scan.CatalogFixture;
import dev.resonance.impl.library.scan.ScanProgress;
import dev.resonance.impl.library.scan.Scanner;
import dev.resonance.impl.library.tags.AudioFileReader;
import dev.resonance.impl.library.tags.Id3Bytes;
import dev.resonance.testing.audio.AudioFixtures;
import dev.resonance.testing.audio.FixtureFormat;
import dev.resonance.testing.audio.FixtureTags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The catalog plugins read, over a library of generated audio files with real tags scanned by the real reader into the
 * real PostgreSQL: every method, pages to the end, the changes feed across rescans, refusals.
 */
class LibraryCatalogTest {

    private static final FixtureTags FULL = FixtureTags.full();
    private static final UUID RECORDING = UUID.fromString(FULL.musicBrainzRecordingId());
    private static final byte[] SYLT = Id3Bytes.sylt(1, "deu", "Karaoke", new Id3Bytes.Entry("Hallo ", 1_000),
            new Id3Bytes.Entry("Welt", 0x00FF_E0FF));
    private static final Caller ADMIN = new Caller(1, "admin", Role.ADMIN, Set.of(), 1, UUID.randomUUID());

    @TempDir
    Path root;

    private CatalogFixture fixture;
    private Scanner scanner;
    private LibraryCatalog catalog;

    @BeforeEach
    void scanALibrary() throws Exception {
        write(FixtureFormat.MP3, "A/03 Midnight Signal", FULL);
        write(FixtureFormat.FLAC, "A/04 Midnight Signal (Remix)", FULL.toBuilder().title("Midnight Signal (Remix)").track(4, 12)
                .isrc("gbaye0601499").musicBrainzTrackId("5c2f8b8d-0b4f-4c9f-8a1a-1c7b3e6d8f99").lyrics("Remix words").build());
        Files.createDirectories(root.resolve("B"));
        Files.write(root.resolve("B/karaoke.mp3"), Id3Bytes.mp3(Id3Bytes.tag(4, 0,
                Id3Bytes.frame24("TIT2", 0, Id3Bytes.text("Karaoke Song")), Id3Bytes.frame24("TPE1", 0, Id3Bytes.text("Sing Along")),
                Id3Bytes.frame24("TALB", 0, Id3Bytes.text("Sing")),
                Id3Bytes.frame24("USLT", 0, Id3Bytes.uslt(0, "eng", "", "Plain text")), Id3Bytes.frame24("SYLT", 0, SYLT))));
        for (int i = 1; i <= 3; i++) {
            write(FixtureFormat.M4A_AAC, "C/0" + i, FixtureTags.builder().title("Quiet " + i).artists("Hush").album("Silence")
                    .track(i, 3).build());
        }
        fixture = new CatalogFixture(root);
        scanner = new Scanner(fixture.db, new AudioFileReader(), new Scanner.Settings(2, Duration.ofDays(30)));
        scan(false);
        catalog = new LibraryCatalog(fixture.db);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void write(FixtureFormat format, String name, FixtureTags tags) throws java.io.IOException {
        Path target = root.resolve(name + "." + format.extension());
        Files.createDirectories(target.getParent());
        AudioFixtures.create(format).seconds(1).tags(tags).writeAs(target);
    }

    private ScanProgress.Snapshot scan(boolean full) throws Exception {
        ScanProgress progress = new ScanProgress(full ? "full" : "quick", fixture.libraryId);
        scanner.scan(fixture.libraryId, root, Optional.empty(), full, progress);
        progress.finish("done");
        assertThat(progress.snapshot().errors()).as("scan problems: %s", progress.problems()).isZero();
        return progress.snapshot();
    }

    private long idOf(String title) {
        return all().stream().filter(t -> t.title().equals(title)).findFirst().orElseThrow().id();
    }

    /** Every track, page by page. */
    private List<TrackInfo> all() {
        List<TrackInfo> tracks = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            CatalogPage<TrackInfo> page = catalog.tracks(after, 4);
            tracks.addAll(page.items());
            after = page.next();
        } while (after.isPresent());
        return tracks;
    }

    @Test
    void aTrackReadsAsTheBrowseApiShowsItWithItsPerformersAndAlbumArtist() {
        TrackInfo midnight = catalog.track(idOf("Midnight Signal")).orElseThrow();

        assertThat(midnight.artist()).isEqualTo("Aurora Vale, Dex Marlow");
        assertThat(midnight.artists()).containsExactly("Aurora Vale", "Dex Marlow");
        assertThat(midnight.album()).isEqualTo("Northern Lines");
        assertThat(midnight.albumArtist()).contains("Aurora Vale");
        assertThat(midnight.disc()).contains(1);
        assertThat(midnight.number()).contains(3);
        assertThat(midnight.durationMs()).isBetween(950L, 1050L);
        assertThat(midnight.isrc()).contains("GBAYE0601498");
        assertThat(midnight.recordingMbid()).contains(RECORDING);
        assertThat(midnight.hasLyrics()).isTrue();
        assertThat(catalog.track(idOf("Quiet 1")).orElseThrow().hasLyrics()).isFalse();

        // every track agrees with the browse API: the same display artist, its performers, its album's display artist
        CatalogQueries browse = new CatalogQueries(fixture.db);
        for (TrackInfo track : all()) {
            CatalogViews.Track shown = browse.track(ADMIN, track.id());
            assertThat(track.title()).isEqualTo(shown.title());
            assertThat(track.artist()).isEqualTo(shown.artist());
            assertThat(track.artists()).isEqualTo(shown.artists().stream().filter(c -> c.role().equals("performer"))
                    .map(CatalogViews.Credit::name).toList());
            assertThat(track.albumId()).isEqualTo(shown.albumId());
            assertThat(track.albumArtist()).isEqualTo(shown.albumId().map(id -> browse.album(ADMIN, id).album().artist()));
            assertThat(track.hasLyrics()).isEqualTo(shown.hasLyrics());
        }
        assertThat(catalog.track(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void albumsAndArtistsById() {
        TrackInfo midnight = catalog.track(idOf("Midnight Signal")).orElseThrow();

        AlbumInfo album = catalog.album(midnight.albumId().orElseThrow()).orElseThrow();

        assertThat(album.title()).isEqualTo("Northern Lines");
        assertThat(album.artist()).isEqualTo("Aurora Vale");
        assertThat(album.year()).contains(2021);
        assertThat(album.mbid()).contains(UUID.fromString(FULL.musicBrainzReleaseId()));
        assertThat(album.releaseGroupMbid()).contains(UUID.fromString(FULL.musicBrainzReleaseGroupId()));
        assertThat(album.trackCount()).isEqualTo(2);
        long artistId = fixture.db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT id FROM artists WHERE name = 'Dex Marlow'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(catalog.artist(artistId)).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("Dex Marlow"));
        assertThat(catalog.album(Long.MAX_VALUE)).isEmpty();
        assertThat(catalog.artist(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void tracksByRecordingAndByIsrcWhateverItsCase() {
        // the scan's two readers number the files in either order: the answer is in id order, whichever that is
        List<TrackInfo> recording = catalog.tracksByRecordingMbid(RECORDING);
        assertThat(recording).extracting(TrackInfo::title).containsExactlyInAnyOrder("Midnight Signal", "Midnight Signal (Remix)");
        assertThat(recording).extracting(TrackInfo::id).isSorted();
        assertThat(catalog.tracksByIsrc("gbaye0601498")).extracting(TrackInfo::title).containsExactly("Midnight Signal");
        assertThat(catalog.tracksByIsrc(" GBAYE0601499")).extracting(TrackInfo::title).containsExactly("Midnight Signal (Remix)");
        assertThat(catalog.tracksByRecordingMbid(UUID.randomUUID())).isEmpty();
        assertThat(catalog.tracksByIsrc("XX0000000000")).isEmpty();
    }

    @Test
    void everyTrackPagesInIdOrderToTheEnd() {
        List<Long> ids = fixture.db.read(c -> {
            List<Long> all = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT id FROM tracks ORDER BY id")) {
                while (rs.next()) {
                    all.add(rs.getLong(1));
                }
            }
            return all;
        });
        assertThat(ids).hasSize(6);

        CatalogPage<TrackInfo> first = catalog.tracks(Optional.empty(), 4);
        CatalogPage<TrackInfo> second = catalog.tracks(first.next(), 4);

        assertThat(first.items()).extracting(TrackInfo::id).containsExactlyElementsOf(ids.subList(0, 4));
        assertThat(second.items()).extracting(TrackInfo::id).containsExactlyElementsOf(ids.subList(4, 6));
        assertThat(second.next()).as("the last page").isEmpty();
        assertThat(all()).extracting(TrackInfo::id).containsExactlyElementsOf(ids);
        List<Long> oneByOne = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            CatalogPage<TrackInfo> page = catalog.tracks(after, 1);
            oneByOne.addAll(page.items().stream().map(TrackInfo::id).toList());
            after = page.next();
        } while (after.isPresent());
        assertThat(oneByOne).containsExactlyElementsOf(ids);
        assertThat(catalog.tracks(Optional.empty(), Catalog.MAX_PAGE).items()).hasSize(6);
    }

    @Test
    void badCursorsAndLimitsAreRefused() {
        String tracksCursor = catalog.tracks(Optional.empty(), 1).next().orElseThrow();
        String changesCursor = catalog.changedTracks(Optional.empty(), 1).next().orElseThrow();

        for (String bad : List.of("", "%%%", "bm90LWEtY3Vyc29y", changesCursor)) {
            assertThatThrownBy(() -> catalog.tracks(Optional.of(bad), 10)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tracks()");
        }
        String beforeTime = new Cursor("-1", 1).encode();
        String afterTime = new Cursor("999999999999999999", 1).encode();
        for (String bad : List.of("", "%%%", "bm90LWEtY3Vyc29y", tracksCursor, beforeTime, afterTime)) {
            assertThatThrownBy(() -> catalog.changedTracks(Optional.of(bad), 10)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("changedTracks()");
        }
        for (int limit : new int[] {0, -1, 501}) {
            assertThatThrownBy(() -> catalog.tracks(Optional.empty(), limit)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit must be 1 to 500");
            assertThatThrownBy(() -> catalog.changedTracks(Optional.empty(), limit)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit must be 1 to 500");
        }
    }

    @Test
    void theChangesFeedSeesARescannedModifiedFileAgainAndNotTheUnchangedOnes() throws Exception {
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        CatalogPage<TrackInfo> page;
        do {
            page = catalog.changedTracks(cursor, 4);
            page.items().forEach(t -> seen.add(t.title()));
            assertThat(page.next()).as("a cursor on every page, the last too").isPresent();
            cursor = page.next();
        } while (!page.items().isEmpty());
        assertThat(seen).hasSize(6).doesNotHaveDuplicates();
        CatalogPage<TrackInfo> nothingNew = catalog.changedTracks(cursor, 4);
        assertThat(nothingNew.items()).isEmpty();
        assertThat(nothingNew.next()).isEqualTo(cursor);

        Path quiet = root.resolve("C/02.m4a");
        write(FixtureFormat.M4A_AAC, "C/02", FixtureTags.builder().title("Quiet 2 (edited)").artists("Hush").album("Silence")
                .track(2, 3).lyrics("Now with words").build());
        Files.setLastModifiedTime(quiet, FileTime.fromMillis(Files.getLastModifiedTime(quiet).toMillis() + 5_000));
        assertThat(scan(false).updated()).isEqualTo(1);
        CatalogPage<TrackInfo> changed = catalog.changedTracks(cursor, 4);

        assertThat(changed.items()).singleElement().satisfies(t -> {
            assertThat(t.title()).isEqualTo("Quiet 2 (edited)");
            assertThat(t.hasLyrics()).isTrue();
            assertThat(catalog.embeddedLyrics(t.id())).extracting(l -> new String(l.data(), StandardCharsets.UTF_8))
                    .containsExactly("Now with words");
        });
        assertThat(catalog.changedTracks(changed.next(), 4).items()).isEmpty();

        scan(true); // every file read again, none changed
        assertThat(catalog.changedTracks(changed.next(), 4).items()).as("unchanged files are not changes").isEmpty();
        assertThat(catalog.changedTracks(Optional.empty(), 500).items()).extracting(TrackInfo::title).hasSize(6)
                .endsWith("Quiet 2 (edited)");
    }

    /**
     * A change carries the time its transaction started but shows when it commits: a change committed after a later one
     * must not be passed over by a cursor already beyond its time.
     */
    @Test
    void aChangeThatCommitsAfterALaterOneIsNotPassedOver() throws Exception {
        Optional<String> cursor = catalog.changedTracks(Optional.empty(), 500).next();
        long early = idOf("Quiet 1");
        long late = idOf("Quiet 3");

        try (Connection slow = fixture.db.dataSource().getConnection()) {
            slow.setAutoCommit(false);
            slow.createStatement().executeUpdate("UPDATE tracks SET title = 'Quiet 1 (slow edit)', updated_at = now() WHERE id = " + early);
            Thread.sleep(20);
            fixture.db.inTransaction(c -> c.createStatement().executeUpdate(
                    "UPDATE tracks SET title = 'Quiet 3 (quick edit)', updated_at = now() WHERE id = " + late));

            CatalogPage<TrackInfo> whileOpen = catalog.changedTracks(cursor, 500);
            assertThat(whileOpen.items()).as("held back while an older transaction is open").isEmpty();
            cursor = whileOpen.next();
            slow.commit();
        }

        assertThat(catalog.changedTracks(cursor, 500).items()).extracting(TrackInfo::title)
                .containsExactly("Quiet 1 (slow edit)", "Quiet 3 (quick edit)");
    }

    @Test
    void embeddedLyricsAsTheFileHasThem() {
        assertThat(catalog.embeddedLyrics(idOf("Karaoke Song"))).containsExactly(
                new EmbeddedLyrics(Kind.ID3_USLT, "eng", "", "Plain text".getBytes(StandardCharsets.UTF_8)),
                new EmbeddedLyrics(Kind.ID3_SYLT, "deu", "Karaoke", SYLT));
        assertThat(catalog.embeddedLyrics(idOf("Midnight Signal (Remix)"))).containsExactly(
                new EmbeddedLyrics(Kind.VORBIS_LYRICS, "", "", "Remix words".getBytes(StandardCharsets.UTF_8)));
        assertThat(catalog.embeddedLyrics(idOf("Quiet 1"))).isEmpty();
        assertThat(catalog.embeddedLyrics(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aTrackWhoseFileIsGoneIsNoLongerFoundAndComesBackAsAChange() throws Exception {
        long id = idOf("Karaoke Song");
        Path file = root.resolve("B/karaoke.mp3");
        assertThat(catalog.file(id)).contains(file.toRealPath());
        byte[] bytes = Files.readAllBytes(file);
        Optional<String> cursor = catalog.changedTracks(Optional.empty(), 500).next();

        Files.delete(file);
        scan(false);

        assertThat(catalog.track(id)).isEmpty();
        assertThat(catalog.file(id)).isEmpty();
        assertThat(catalog.embeddedLyrics(id)).isEmpty();
        assertThat(all()).extracting(TrackInfo::id).doesNotContain(id);
        assertThat(catalog.changedTracks(cursor, 500).items()).as("a removed track is not reported").isEmpty();

        Files.write(file, bytes);
        scan(false);
        assertThat(catalog.changedTracks(cursor, 500).items()).extracting(TrackInfo::id).containsExactly(id);
        assertThat(catalog.embeddedLyrics(id)).hasSize(2);
    }

    @Test
    void theFileOfATrackIsGivenOnlyInsideAnEnabledLibrary() throws Exception {
        long id = idOf("Quiet 1");
        assertThat(catalog.file(id)).contains(root.resolve("C/01.m4a").toRealPath());
        assertThat(catalog.file(Long.MAX_VALUE)).isEmpty();

        fixture.db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE libraries SET enabled = false"));
        assertThat(catalog.file(id)).isEmpty();
        fixture.db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE libraries SET enabled = true"));

        // a file replaced by a link to one outside the library is not handed out
        Path outside = Files.createTempFile("outside", ".m4a");
        try {
            Files.delete(root.resolve("C/01.m4a"));
            Files.createSymbolicLink(root.resolve("C/01.m4a"), outside);
            assertThat(catalog.file(id)).isEmpty();
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsUnavailable() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        HikariConfig config = new HikariConfig();
        config.setDataSource(nowhere);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(250);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Database down = TestDatabases.database(pool);
            LibraryCatalog unreachable = new LibraryCatalog(down);

            assertThatThrownBy(() -> unreachable.track(1)).isInstanceOfSatisfying(ResonanceException.class,
                    e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.UNAVAILABLE));
            assertThatThrownBy(() -> unreachable.changedTracks(Optional.empty(), 10)).isInstanceOf(ResonanceException.class);
        }
    }
}
