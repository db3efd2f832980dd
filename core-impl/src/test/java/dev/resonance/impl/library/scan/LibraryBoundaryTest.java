package dev.resonance.impl.library.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.db.Database;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.impl.library.LibraryRoot;
import dev.resonance.impl.library.images.ImageStore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The music folder is a boundary: with real symbolic links, nothing outside it is cataloged or stored, and no loop. */
class LibraryBoundaryTest {

    @TempDir
    Path base;

    private Path root;
    private Path outside;
    private CatalogFixture catalog;
    private Database db;
    private Scanner scanner;
    private long libraryId;

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(base.resolve("music"));
        outside = Files.createDirectories(base.resolve("private"));
        catalog = new CatalogFixture(root);
        db = catalog.db;
        libraryId = catalog.libraryId;
        scanner = new Scanner(db, new PropertiesTagReader(), new Scanner.Settings(2, Duration.ofDays(30)),
                Optional.of(new ImageStore(db, Files.createDirectories(base.resolve("images")))));
    }

    @AfterEach
    void stop() {
        catalog.close();
    }

    private ScanProgress.Snapshot scan(boolean full, Optional<Path> folder) throws Exception {
        ScanProgress progress = new ScanProgress(full ? "full" : "quick", libraryId);
        scanner.scan(libraryId, root, folder, full, progress);
        progress.finish("done");
        return progress.snapshot();
    }

    private static void track(Path file, String title, String album) throws Exception {
        PropertiesTagReader.write(file, "title", title, "artist", "A", "album", album, "albumartist", "A");
    }

    private long count(String sql) {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private java.util.List<String> paths() {
        return db.inTransaction(c -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT path FROM tracks WHERE missing_since IS NULL ORDER BY path")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Test
    void aFileLinkedFromOutsideTheLibraryIsNotCatalogedAndReported() throws Exception {
        track(root.resolve("A/01.mp3"), "Mine", "A");
        track(outside.resolve("secret.mp3"), "Secret", "Diary");
        Files.createSymbolicLink(root.resolve("A/02.mp3"), outside.resolve("secret.mp3"));
        Files.createSymbolicLink(root.resolve("A/03.mp3"), root.resolve("A/01.mp3")); // inside: read like a file

        ScanProgress.Snapshot result = scan(true, Optional.empty());

        assertThat(paths()).containsExactly("A/01.mp3", "A/03.mp3");
        assertThat(result.problems()).contains(new ScanProgress.Problem("A/02.mp3", LibraryRoot.LINK_OUTSIDE));
    }

    @Test
    void aFolderLinkedFromOutsideTheLibraryIsNotCatalogedEvenByAScanOfThatFolder() throws Exception {
        track(root.resolve("A/01.mp3"), "Mine", "A");
        track(outside.resolve("Diary/01.mp3"), "Secret", "Diary");
        Files.createSymbolicLink(root.resolve("Elsewhere"), outside.resolve("Diary"));

        ScanProgress.Snapshot full = scan(true, Optional.empty());
        ScanProgress.Snapshot folder = scan(false, Optional.of(Path.of("Elsewhere")));

        assertThat(paths()).containsExactly("A/01.mp3");
        assertThat(full.problems()).contains(new ScanProgress.Problem("Elsewhere", LibraryRoot.LINK_OUTSIDE));
        assertThat(folder.problems()).contains(new ScanProgress.Problem("Elsewhere", LibraryRoot.LINK_OUTSIDE));
    }

    @Test
    void aCoverImageLinkedFromOutsideIsNeitherStoredNorUsed() throws Exception {
        BufferedImage red = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        red.setRGB(0, 0, 0xff0000);
        javax.imageio.ImageIO.write(red, "png", outside.resolve("id-card.png").toFile());
        track(root.resolve("Linked/01.mp3"), "One", "Linked");
        Files.createSymbolicLink(root.resolve("Linked/cover.png"), outside.resolve("id-card.png"));
        track(root.resolve("Own/01.mp3"), "Two", "Own");
        javax.imageio.ImageIO.write(red, "png", root.resolve("Own/cover.png").toFile());

        ScanProgress.Snapshot result = scan(true, Optional.empty());

        assertThat(count("SELECT count(*) FROM albums WHERE title = 'Own' AND cover_image_id IS NOT NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM albums WHERE title = 'Linked' AND cover_image_id IS NOT NULL")).isZero();
        assertThat(count("SELECT count(*) FROM images")).isEqualTo(1); // the library's own cover only
        assertThat(result.problems()).contains(new ScanProgress.Problem("Linked/cover.png", LibraryRoot.LINK_OUTSIDE));
    }

    @Test
    void aLinkBackToTheRootAddsNothingTwiceInAFullScanNorInTheFolderScanTheWatcherAsksFor() throws Exception {
        for (int i = 1; i <= 3; i++) {
            track(root.resolve("A/0" + i + ".mp3"), "Song " + i, "A");
        }
        Files.createSymbolicLink(root.resolve("Loop"), root);

        ScanProgress.Snapshot full = scan(true, Optional.empty());
        ScanProgress.Snapshot folder = scan(false, Optional.of(Path.of("Loop")));

        assertThat(paths()).containsExactly("A/01.mp3", "A/02.mp3", "A/03.mp3");
        assertThat(count("SELECT count(*) FROM tracks")).isEqualTo(3);
        assertThat(full.problems()).contains(new ScanProgress.Problem("Loop", LibraryRoot.FOLDER_LINK));
        assertThat(folder.problems()).contains(new ScanProgress.Problem("Loop", LibraryRoot.FOLDER_LINK));
    }
}
