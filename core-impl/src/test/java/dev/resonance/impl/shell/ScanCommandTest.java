package dev.resonance.impl.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.library.LibraryService;
import dev.resonance.impl.library.images.ImageStore;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.library.scan.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {

    @TempDir
    Path music;

    private ShellFixture shell;
    private LibraryService library;

    @BeforeEach
    void start() {
        shell = new ShellFixture();
        library = new LibraryService(shell.db, new Scanner(shell.db, new PropertiesTagReader(), new Scanner.Settings(2, Duration.ofDays(30))),
                new ImageStore(shell.db, music.resolveSibling(music.getFileName() + "-images")));
    }

    @AfterEach
    void stop() {
        library.close();
        shell.close();
    }

    private ScanCommand command() {
        ScanCommand command = new ScanCommand();
        command.library = library;
        command.refresh = Duration.ofMillis(5);
        return command;
    }

    @Test
    void scansFollowsTheProgressAndPrintsTheSummaryWithProblems() throws Exception {
        for (int i = 0; i < 40; i++) {
            PropertiesTagReader.write(music.resolve("Album/" + i + ".mp3"), "title", "Song " + i, "artist", "A", "album", "Album");
        }
        Files.writeString(music.resolve("Album/broken.mp3"), "no tags here");
        library.ensureLibrary("Music", music);

        ShellFixture.Printed printed = shell.run(command());

        assertThat(printed.out()).contains("Started a quick scan", "Library ", "done, 41 files seen", "40 added", "1 errors",
                "Album/broken.mp3: not an MP3 file");
        assertThat(printed.err()).isEmpty();
    }

    @Test
    void withoutALibraryItSaysWhatToConfigure() {
        ShellFixture.Printed printed = shell.run(command());

        assertThat(printed.errLines()).singleElement().asString().contains("MUSIC_LIBRARY_PATH");
    }

    @Test
    void theBarShowsProgressRateAndEta() {
        var snapshot = new dev.resonance.impl.library.scan.ScanProgress.Snapshot("reading", "quick", 1, java.time.Instant.now(),
                Optional.empty(), 200, 100, 50, 50, 0, 0, 0, 2, 25.0, Optional.of(2L), java.util.List.of(), java.util.Map.of());

        assertThat(ScanCommand.bar(snapshot)).isEqualTo("[###############...............]  50% reading 50/100 files, 25 files/s, ETA 2 s, 2 errors");
    }
}
