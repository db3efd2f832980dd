package dev.resonance.impl.library.tags;

import dev.resonance.testing.audio.AudioFixtures;
import dev.resonance.testing.audio.FixtureFormat;
import dev.resonance.testing.audio.FixtureTags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints (never asserts: timings are not unit-test material) how many files per second one thread reads: 250
 * small MP3 and 250 small FLAC files with the full tag set and a cover. The scanner's target is 2,500 files/s
 * on 2 cores; this is the tag-reading share of it, files in the page cache.
 */
class ReadSpeedMeasurementTest {

    @TempDir
    Path dir;

    @Test
    void printsFilesPerSecond() throws Exception {
        FixtureTags tags = FixtureTags.full();
        List<Path> mp3 = new ArrayList<>();
        List<Path> flac = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            mp3.add(AudioFixtures.create(FixtureFormat.MP3).seconds(0.1).tags(tags).name("speed-" + i).writeTo(dir));
            flac.add(AudioFixtures.create(FixtureFormat.FLAC).seconds(0.1).tags(tags).name("speed-" + i).writeTo(dir));
        }
        List<Path> all = new ArrayList<>(mp3);
        all.addAll(flac);
        AudioFileReader reader = new AudioFileReader();
        double[] rounds = new double[10];
        for (int round = 0; round < rounds.length; round++) {
            rounds[round] = filesPerSecond(reader, all);
        }
        double[] sorted = rounds.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "[tags] read speed, one thread, 500 files (250 mp3 + 250 flac): median %.0f files/s, best %.0f "
                        + "(rounds: %s); mp3 alone %.0f files/s, flac alone %.0f files/s%n",
                sorted[sorted.length / 2], sorted[sorted.length - 1], Arrays.toString(Arrays.stream(rounds).mapToLong(Math::round).toArray()),
                best(reader, mp3), best(reader, flac));
    }

    private static double best(AudioFileReader reader, List<Path> files) throws Exception {
        double best = 0;
        for (int i = 0; i < 5; i++) {
            best = Math.max(best, filesPerSecond(reader, files));
        }
        return best;
    }

    private static double filesPerSecond(AudioFileReader reader, List<Path> files) throws Exception {
        long start = System.nanoTime();
        int titles = 0;
        for (Path file : files) {
            if (reader.read(file).title().isPresent()) {
                titles++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (titles != files.size()) {
            throw new IllegalStateException("some files lost their title");
        }
        return files.size() / seconds;
    }
}
