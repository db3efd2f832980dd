package dev.resonance.impl.library.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.db.Database;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.impl.library.tags.AudioTags;
import dev.resonance.impl.library.tags.TagReader;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-off from the tag readers to the writer: a writer slower than the readers (the queue full when the last
 * file is read) still sees every file, writes the last partial batch, and a reader that dies ends the scan at once.
 * {@code @Timeout} only guards against a hang (the old end marker, lost on a full queue, stalled the scan 5 minutes).
 */
class ScanHandOffTest {

    @TempDir
    Path root;

    private CatalogFixture catalog;
    private Database db;
    private long libraryId;

    @BeforeEach
    void start() {
        catalog = new CatalogFixture(root);
        db = catalog.db;
        libraryId = catalog.libraryId;
    }

    @AfterEach
    void stop() {
        catalog.close();
    }

    private void files(int count) throws IOException {
        for (int i = 1; i <= count; i++) {
            PropertiesTagReader.write(root.resolve(String.format("Album/%02d.mp3", i)), "title", "Song " + i, "artist", "A",
                    "album", "Album", "track", Integer.toString(i));
        }
    }

    private long tracks() {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM tracks WHERE missing_since IS NULL")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWriterSlowerThanTheReadersSeesEveryFileAndWritesTheLastPartialBatch() throws Exception {
        int batch = 4;
        int capacity = 6;
        files(batch + capacity); // 10 files: batches of 4, 4 and a partial 2
        CountDownLatch queueFull = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        Scanner scanner = new Scanner(db, new PropertiesTagReader(), new Scanner.Settings(1, Duration.ofDays(30)))
                .pipeline(new Scanner.Pipeline(batch, () -> new ArrayBlockingQueue<>(capacity) {
                    @Override
                    public void put(Object e) throws InterruptedException {
                        super.put(e);
                        if (remainingCapacity() == 0) {
                            queueFull.countDown();
                        }
                    }
                }, () -> {
                    // the first batch waits until the reader has filled the queue with every remaining file: the
                    // reader finishes while the queue is full, which is when the old end marker was dropped
                    if (first.getAndSet(false)) {
                        assertThat(queueFull.await(30, TimeUnit.SECONDS)).isTrue();
                    }
                }));
        ScanProgress progress = new ScanProgress("quick", libraryId);

        scanner.scan(libraryId, root, Optional.empty(), false, progress);

        assertThat(progress.snapshot().processed()).isEqualTo(10);
        assertThat(progress.snapshot().added()).isEqualTo(10);
        assertThat(tracks()).isEqualTo(10);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aReaderThatDiesEndsTheScanAtOnceInsteadOfLosingTheFile() throws Exception {
        files(10);
        TagReader dying = new TagReader() {
            private final PropertiesTagReader tags = new PropertiesTagReader();

            @Override
            public Set<String> extensions() {
                return tags.extensions();
            }

            @Override
            public AudioTags read(Path file) throws IOException, UnreadableAudioException {
                if (file.getFileName().toString().equals("07.mp3")) {
                    throw new StackOverflowError("reader bug");
                }
                return tags.read(file);
            }

            @Override
            public Optional<EmbeddedPicture> embeddedPicture(Path file) {
                return Optional.empty();
            }
        };
        Scanner scanner = new Scanner(db, dying, new Scanner.Settings(2, Duration.ofDays(30)));

        assertThatThrownBy(() -> scanner.scan(libraryId, root, Optional.empty(), false, new ScanProgress("quick", libraryId)))
                .hasMessageContaining("tag reader failed").hasRootCauseInstanceOf(StackOverflowError.class);
    }
}
