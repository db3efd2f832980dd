package dev.resonance.impl.stream.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscodeCacheTest {

    @TempDir
    Path dir;

    private static TranscodeCache.Key key(long track) {
        return new TranscodeCache.Key(track, "\"" + track + "-1-2\"", TranscodeFormat.OPUS, 128);
    }

    private static void put(TranscodeCache cache, long track, int bytes) {
        TranscodeCache.Entry entry = cache.begin(key(track)).orElseThrow();
        entry.write(new byte[bytes], 0, bytes);
        entry.commit();
    }

    @Test
    void aCommittedTranscodeIsFoundAndAnAbortedOneLeavesNothing() throws Exception {
        TranscodeCache cache = new TranscodeCache(dir, 1000);
        put(cache, 1, 100);
        TranscodeCache.Entry aborted = cache.begin(key(2)).orElseThrow();
        aborted.write(new byte[50], 0, 50);
        aborted.abort();

        assertThat(cache.find(key(1))).hasValueSatisfying(p -> assertThat(p).hasSize(100));
        assertThat(cache.find(key(2))).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void anotherSourceEtagOrBitrateIsAnotherEntry() {
        TranscodeCache cache = new TranscodeCache(dir, 1000);
        put(cache, 1, 10);

        assertThat(cache.find(new TranscodeCache.Key(1, "\"1-9-9\"", TranscodeFormat.OPUS, 128))).isEmpty();
        assertThat(cache.find(new TranscodeCache.Key(1, "\"1-1-2\"", TranscodeFormat.OPUS, 96))).isEmpty();
        assertThat(cache.find(new TranscodeCache.Key(1, "\"1-1-2\"", TranscodeFormat.MP3, 128))).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedIsEvictedWhenTheCacheIsFull() {
        TranscodeCache cache = new TranscodeCache(dir, 100);
        put(cache, 1, 40);
        put(cache, 2, 40);
        assertThat(cache.find(key(1))).isPresent(); // 1 is now more recent than 2

        put(cache, 3, 40);

        assertThat(cache.find(key(2))).isEmpty();
        assertThat(cache.find(key(1))).isPresent();
        assertThat(cache.find(key(3))).isPresent();
        assertThat(cache.sizeBytes()).isEqualTo(80);
    }

    @Test
    void aTranscodeLargerThanTheWholeCacheIsNotKept() {
        TranscodeCache cache = new TranscodeCache(dir, 100);
        put(cache, 1, 101);

        assertThat(cache.find(key(1))).isEmpty();
        assertThat(cache.count()).isZero();
    }

    @Test
    void aRestartKeepsTheEntriesAndDropsPartialFiles() throws Exception {
        TranscodeCache first = new TranscodeCache(dir, 1000);
        put(first, 1, 30);
        Files.write(dir.resolve("9-123.part"), new byte[10]);

        TranscodeCache again = new TranscodeCache(dir, 1000);

        assertThat(again.find(key(1))).isPresent();
        assertThat(again.sizeBytes()).isEqualTo(30);
        assertThat(dir.resolve("9-123.part")).doesNotExist();
    }
}
