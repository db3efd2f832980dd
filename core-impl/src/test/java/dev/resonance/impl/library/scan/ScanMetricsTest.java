package dev.resonance.impl.library.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan counts its files, its problems, the time of each phase and how it ended in the node's meters. */
class ScanMetricsTest {

    @TempDir
    Path root;

    private CatalogFixture catalog;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private Scanner scanner;

    @BeforeEach
    void start() {
        catalog = new CatalogFixture(root);
        scanner = new Scanner(catalog.db, new PropertiesTagReader(), new Scanner.Settings(2, Duration.ofDays(30)), Optional.empty(), registry);
    }

    @AfterEach
    void stop() {
        catalog.close();
    }

    @Test
    void filesProblemsPhasesAndTheEndAreCounted() throws Exception {
        for (int i = 1; i <= 3; i++) {
            PropertiesTagReader.write(root.resolve("Album").resolve(i + ".mp3"), "title", "Song " + i, "artist", "A", "album", "Album");
        }
        Files.writeString(root.resolve("Album").resolve("broken.mp3"), "no title here\n");

        ScanProgress progress = scanner.progress("quick", catalog.libraryId);
        scanner.scan(catalog.libraryId, root, Optional.empty(), false, progress);
        progress.finish("done");

        assertThat(registry.get("resonance.scan.files.processed").counter().count()).isEqualTo(4);
        assertThat(registry.get("resonance.scan.errors").counter().count()).isEqualTo(1);
        assertThat(registry.get("resonance.scans").tags("kind", "quick", "state", "done").counter().count()).isEqualTo(1);
        for (String phase : new String[] {"loading", "walking", "reading", "finishing"}) {
            assertThat(registry.get("resonance.scan.phase").tag("phase", phase).timer().count()).as(phase).isEqualTo(1);
        }
    }

    @Test
    void aScanOfAProgressMadeElsewhereIsCountedToo() throws Exception {
        PropertiesTagReader.write(root.resolve("One").resolve("1.mp3"), "title", "Song", "artist", "A", "album", "One");

        ScanProgress progress = new ScanProgress("full", catalog.libraryId);
        scanner.scan(catalog.libraryId, root, Optional.empty(), true, progress);

        assertThat(registry.get("resonance.scan.files.processed").counter().count()).isEqualTo(1);
    }
}
