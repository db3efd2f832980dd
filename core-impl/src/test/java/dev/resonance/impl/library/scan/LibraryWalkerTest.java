package dev.resonance.impl.library.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryWalkerTest {

    @TempDir
    Path root;

    private final Map<String, String> problems = new ConcurrentHashMap<>();

    private List<FileEntry> walk(Path start) throws Exception {
        ConcurrentLinkedQueue<FileEntry> files = new ConcurrentLinkedQueue<>();
        new LibraryWalker(Set.of("mp3", "flac"), 4).walk(dev.resonance.impl.library.LibraryRoot.of(root), start, (p, why) -> problems.put(LibraryWalker.relative(root, p), why),
                files::add);
        return files.stream().sorted(java.util.Comparator.comparing(FileEntry::relativePath)).toList();
    }

    private Path file(String relative, int bytes) throws Exception {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[bytes]);
        return p;
    }

    @Test
    void everyAudioFileOfEveryFolderWithItsSizeAndMtimeAndNothingElse() throws Exception {
        for (int artist = 0; artist < 20; artist++) { // enough folders for the walkers to share them
            for (int track = 0; track < 5; track++) {
                file("Artist " + artist + "/Album/" + track + ".mp3", artist + track);
            }
        }
        Path flac = file("Loud/Song.FLAC", 7);
        Files.setLastModifiedTime(flac, FileTime.fromMillis(1_600_000_000_000L));
        file("Loud/cover.jpg", 3);
        file("Loud/notes.txt", 3);
        file(".hidden/skip.mp3", 1);
        file("Loud/.skip.mp3", 1);

        List<FileEntry> files = walk(root);

        assertThat(files).hasSize(101);
        assertThat(files).extracting(FileEntry::relativePath).doesNotHaveDuplicates()
                .contains("Artist 0/Album/0.mp3", "Artist 19/Album/4.mp3", "Loud/Song.FLAC")
                .noneMatch(p -> p.contains(".hidden") || p.contains(".skip") || p.endsWith(".jpg") || p.endsWith(".txt"));
        assertThat(files).filteredOn(f -> f.relativePath().equals("Loud/Song.FLAC")).singleElement()
                .satisfies(f -> {
                    assertThat(f.size()).isEqualTo(7);
                    assertThat(f.mtimeMillis()).isEqualTo(1_600_000_000_000L);
                    assertThat(f.in(root)).isEqualTo(flac);
                });
        assertThat(problems).isEmpty();
    }

    @Test
    void aFolderWalkNamesFilesFromTheLibraryRoot() throws Exception {
        file("A/One/1.mp3", 1);
        file("B/2.mp3", 1);

        assertThat(walk(root.resolve("A"))).extracting(FileEntry::relativePath).containsExactly("A/One/1.mp3");
    }

    @Test
    void linksOutsideTheLibraryAndFolderLinksAreSkippedAndReportedDanglingLinksIgnored() throws Exception {
        Path elsewhere = Files.createTempDirectory("resonance-walker-outside");
        try {
            Files.createDirectories(elsewhere.resolve("Album"));
            Files.write(elsewhere.resolve("Album/linked.mp3"), new byte[2]);
            Files.createSymbolicLink(root.resolve("Linked"), elsewhere);
            Files.createSymbolicLink(root.resolve("outside.mp3"), elsewhere.resolve("Album/linked.mp3"));
            file("Loop/song.mp3", 1);
            Files.createSymbolicLink(root.resolve("Loop/again"), root.resolve("Loop"));
            Files.createSymbolicLink(root.resolve("Loop/also.mp3"), root.resolve("Loop/song.mp3"));
            Files.createSymbolicLink(root.resolve("gone.mp3"), root.resolve("nowhere.mp3"));

            List<FileEntry> files = walk(root);

            assertThat(files).extracting(FileEntry::relativePath).containsExactly("Loop/also.mp3", "Loop/song.mp3");
            assertThat(problems).containsOnly(Map.entry("Linked", dev.resonance.impl.library.LibraryRoot.LINK_OUTSIDE),
                    Map.entry("outside.mp3", dev.resonance.impl.library.LibraryRoot.LINK_OUTSIDE),
                    Map.entry("Loop/again", dev.resonance.impl.library.LibraryRoot.FOLDER_LINK));
        } finally {
            Files.deleteIfExists(elsewhere.resolve("Album/linked.mp3"));
            Files.deleteIfExists(elsewhere.resolve("Album"));
            Files.deleteIfExists(elsewhere);
        }
    }

    @Test
    void aStartThatIsNotAFolderYieldsNothing() throws Exception {
        Path single = file("single.mp3", 1);

        assertThat(walk(single)).isEmpty();
    }
}
