package dev.resonance.bench;

import dev.resonance.impl.library.tags.AudioFileReader;
import dev.resonance.testing.audio.AudioFixtures;
import dev.resonance.testing.audio.FixtureFormat;
import dev.resonance.testing.audio.FixtureTags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How many files per second one thread's tag reading takes: 250 small MP3 and 250 small FLAC files with the full tag
 * set and a cover, in the page cache. The scanner's target is 2,500 files/s on 2 cores; this is the tag-reading share
 * of it. (Until 2026-12-03 a unit test printed this and asserted nothing.) Prints a Markdown table.
 */
public final class TagReadBench {

    private TagReadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("resonance-tag-bench");
        try {
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
            System.out.println("| files (one thread, page cache) | rounds | median files/s | best files/s |");
            System.out.println("|---|---|---|---|");
            row("250 mp3 + 250 flac", reader, all, 10);
            row("250 mp3", reader, mp3, 5);
            row("250 flac", reader, flac, 5);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void row(String what, AudioFileReader reader, List<Path> files, int rounds) throws Exception {
        double[] speeds = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            speeds[i] = filesPerSecond(reader, files);
        }
        Arrays.sort(speeds);
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f |%n", what, rounds, speeds[rounds / 2], speeds[rounds - 1]);
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
