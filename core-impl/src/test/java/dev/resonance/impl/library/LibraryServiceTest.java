package dev.resonance.impl.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.library.scan.Scanner;
import dev.resonance.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryServiceTest {

    @TempDir
    Path root;

    private TestDatabase testDb;
    private HikariDataSource pool;
    private Database db;
    private LibraryService library;

    @BeforeEach
    void start() {
        testDb = TestDatabase.create();
        HikariConfig config = new HikariConfig();
        config.setDataSource(TestDatabases.migrated(testDb));
        pool = new HikariDataSource(config);
        db = TestDatabases.database(pool);
        library = new LibraryService(db, new Scanner(db, new PropertiesTagReader(), new Scanner.Settings(2, Duration.ofDays(30))),
                new dev.resonance.impl.library.images.ImageStore(db, root.resolveSibling(root.getFileName() + "-images")));
    }

    @AfterEach
    void stop() {
        library.close();
        pool.close();
        testDb.close();
    }

    private long tracks() {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM tracks WHERE missing_since IS NULL")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private int newAlbumTracks() {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(max(track_count), 0) FROM albums WHERE title = 'New Album'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aScanRunsInTheBackgroundAndReportsProgressThenTheResult() throws Exception {
        for (int i = 0; i < 30; i++) {
            PropertiesTagReader.write(root.resolve("Album/" + i + ".mp3"), "title", "Song " + i, "artist", "A", "album", "Album");
        }
        library.ensureLibrary("Music", root);

        LibraryService.ScanStatus started = library.startScan(false, Optional.empty());
        assertThat(started.running()).isTrue();
        await(() -> !library.status().running(), Duration.ofSeconds(30));

        LibraryService.ScanStatus done = library.status();
        assertThat(done.last()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("done");
            assertThat(s.filesSeen()).isEqualTo(30);
            assertThat(s.added()).isEqualTo(30);
            assertThat(s.finishedAt()).isPresent();
        });
        assertThat(tracks()).isEqualTo(30);
    }

    @Test
    void aSecondScanWhileOneRunsIsRefusedAndAScanWithoutLibraryExplainsWhy() {
        assertThatThrownBy(() -> library.startScan(false, Optional.empty()))
                .isInstanceOf(ResonanceException.class).hasMessageContaining("MUSIC_LIBRARY_PATH");
        assertThatThrownBy(() -> library.startScan(false, Optional.of(99L)))
                .isInstanceOf(ResonanceException.class).hasMessageContaining("No library 99");
    }

    @Test
    void theWatcherPicksUpANewAlbum() throws Exception {
        LibraryService.Library music = library.ensureLibrary("Music", root);
        PropertiesTagReader.write(root.resolve("First/01.mp3"), "title", "One", "artist", "A", "album", "First");
        library.startScan(false, Optional.empty());
        await(() -> !library.status().running(), Duration.ofSeconds(30));
        assertThat(tracks()).isEqualTo(1);

        try (LibraryWatcher watcher = new LibraryWatcher(root, Duration.ofMillis(300),
                (r, changed) -> library.scanFolder(music.id(), changed))) {
            for (int i = 1; i <= 3; i++) {
                PropertiesTagReader.write(root.resolve("New Album/0" + i + ".mp3"), "title", "New " + i, "artist", "B",
                        "album", "New Album");
            }
            // the album's counts are refreshed at the end of the scan the watcher asked for
            await(() -> tracks() == 4 && newAlbumTracks() == 3, Duration.ofSeconds(20));
        }
        assertThat(newAlbumTracks()).isEqualTo(3);
    }

    @Test
    void aLinkBackToTheRootCreatedWhileWatchedAddsNothingTwice() throws Exception {
        LibraryService.Library music = library.ensureLibrary("Music", root);
        for (int i = 1; i <= 3; i++) {
            PropertiesTagReader.write(root.resolve("A/0" + i + ".mp3"), "title", "Song " + i, "artist", "A", "album", "A");
        }
        library.startScan(false, Optional.empty());
        await(() -> !library.status().running(), Duration.ofSeconds(30));
        assertThat(tracks()).isEqualTo(3);

        try (LibraryWatcher watcher = new LibraryWatcher(root, Duration.ofMillis(300),
                (r, changed) -> library.scanFolder(music.id(), changed))) {
            long before = library.catalogGeneration();
            java.nio.file.Files.createSymbolicLink(root.resolve("Loop"), root);
            // the scan the watcher asks for has run (the old watcher asked for one of "Loop": every track again)
            await(() -> library.catalogGeneration() > before && !library.status().running(), Duration.ofSeconds(20));
        }
        assertThat(tracks()).isEqualTo(3);
    }

    @Test
    void aScanThatDiedWithItsNodeIsShownInterruptedOnceTheNextScanStarts() throws Exception {
        LibraryService.Library music = library.ensureLibrary("Music", root);
        PropertiesTagReader.write(root.resolve("A/01.mp3"), "title", "One", "artist", "A", "album", "A");
        // what a full scan killed mid-way leaves behind: its row, never finished
        db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO library_scans (library_id, kind, started_at)"
                + " VALUES (" + music.id() + ", 'full', now() - interval '1 hour')"));

        library.startScan(false, Optional.empty());
        await(() -> !library.status().running(), Duration.ofSeconds(30));

        assertThat(library.status().last()).extracting(s -> s.kind() + ":" + s.state())
                .containsExactly("full:interrupted", "quick:done");
    }

    @Test
    void aWatchersFolderScanDoesNotHideTheResultOfAFullScan() throws Exception {
        LibraryService.Library music = library.ensureLibrary("Music", root);
        PropertiesTagReader.write(root.resolve("A/01.mp3"), "title", "One", "artist", "A", "album", "A");
        PropertiesTagReader.write(root.resolve("B/01.mp3"), "title", "Two", "artist", "B", "album", "B");
        library.startScan(true, Optional.empty());
        await(() -> !library.status().running(), Duration.ofSeconds(30));

        long before = library.catalogGeneration();
        library.scanFolder(music.id(), Path.of("B"));
        await(() -> library.catalogGeneration() > before && !library.status().running(), Duration.ofSeconds(30));

        assertThat(library.status().last()).extracting(s -> s.kind() + ":" + s.state() + ":" + s.filesSeen())
                .containsExactly("folder:done:1", "full:done:2");
    }
}
