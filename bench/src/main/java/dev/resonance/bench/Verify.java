package dev.resonance.bench;

import dev.resonance.bench.LibraryGenerator.Corrupt;
import dev.resonance.bench.LibraryGenerator.Plan;
import dev.resonance.bench.LibraryGenerator.Track;
import dev.resonance.impl.library.tags.AudioFileReader;
import dev.resonance.impl.library.tags.AudioTags;
import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import dev.resonance.testing.Ffmpeg;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Checks generated files with the project's real tag reader (core-impl's {@link AudioFileReader}) — every corrupt
 * file, a random sample of the others — and decodes a few with ffmpeg.
 */
final class Verify {

    record Result(int read, int tagMismatches, int unexpectedErrors, int corruptChecked, int corruptAccepted,
                  int decoded, List<String> problems) {
        boolean ok() {
            return tagMismatches == 0 && unexpectedErrors == 0 && corruptAccepted == 0;
        }

        @Override
        public String toString() {
            return String.format("verify: %d files read with AudioFileReader, %d tag mismatches, %d unexpected errors; "
                            + "%d corrupt files, %d of them accepted; %d decoded by ffmpeg without errors%s",
                    read, tagMismatches, unexpectedErrors, corruptChecked, corruptAccepted, decoded,
                    problems.isEmpty() ? "" : "\n  " + String.join("\n  ", problems.subList(0, Math.min(20, problems.size()))));
        }
    }

    private Verify() {
    }

    static Result sample(Path dir, Plan plan, int count, long seed) {
        AudioFileReader reader = new AudioFileReader();
        Random rnd = new Random(seed ^ 0x5eed);
        List<Track> sample = new ArrayList<>();
        for (Track t : plan.tracks()) {
            if (t.corrupt() != Corrupt.NONE) {
                sample.add(t);
            }
        }
        for (int i = 0; i < count; i++) {
            sample.add(plan.tracks().get(rnd.nextInt(plan.tracks().size())));
        }
        int read = 0;
        int mismatches = 0;
        int unexpected = 0;
        int corrupt = 0;
        int corruptAccepted = 0;
        int decoded = 0;
        int flacDecoded = 0;
        int mp3Decoded = 0;
        List<String> problems = new ArrayList<>();
        for (Track t : sample) {
            Path file = dir.resolve(t.relativePath());
            if (t.corrupt() != Corrupt.NONE) {
                corrupt++;
                try {
                    reader.read(file);
                    corruptAccepted++;
                    problems.add("corrupt file accepted: " + t.relativePath());
                } catch (UnreadableAudioException e) {
                    // expected
                } catch (Exception e) {
                    problems.add("corrupt file: " + e + " (expected UnreadableAudioException) " + t.relativePath());
                }
                continue;
            }
            try {
                AudioTags tags = reader.read(file);
                read++;
                String artists = String.join("|", tags.performers());
                String err = check("title", tags.title(), t.title().startsWith("") ? Optional.of(t.title()) : Optional.empty(), true)
                        + check("album", tags.album(), Optional.of(t.album().title()), false)
                        + (tags.trackNumber().orElse(-1) == t.number() ? "" : " track=" + tags.trackNumber())
                        + (tags.durationMillis() > 100 ? "" : " duration=" + tags.durationMillis())
                        + (tags.genres().isEmpty() ? " no genre" : "")
                        + (tags.year().orElse(-1) == t.album().year() ? "" : " year=" + tags.year())
                        + (artists.contains(t.artists().get(0)) ? "" : " artists=" + artists)
                        + (tags.format().equals(t.album().flac() ? "flac" : "mp3") ? "" : " format=" + tags.format());
                if (!err.isEmpty()) {
                    mismatches++;
                    problems.add(t.relativePath() + ":" + err);
                }
            } catch (Exception e) {
                unexpected++;
                problems.add(t.relativePath() + ": " + e);
            }
            boolean flac = t.album().flac();
            if ((flac ? flacDecoded : mp3Decoded) < 3) {
                try {
                    Ffmpeg.run("-xerror", "-i", file.toString(), "-f", "null", "-");
                    decoded++;
                } catch (RuntimeException e) {
                    problems.add("ffmpeg: " + e.getMessage());
                    unexpected++;
                }
                if (flac) {
                    flacDecoded++;
                } else {
                    mp3Decoded++;
                }
            }
        }
        return new Result(read, mismatches, unexpected, corrupt, corruptAccepted, decoded, problems);
    }

    private static String check(String what, Optional<String> actual, Optional<String> expected, boolean prefix) {
        if (actual.isEmpty() || expected.isEmpty()) {
            return actual.equals(expected) ? "" : " " + what + "=" + actual;
        }
        boolean ok = prefix ? actual.get().startsWith(expected.get()) : actual.get().equals(expected.get());
        return ok ? "" : " " + what + "='" + actual.get() + "' expected '" + expected.get() + "'";
    }
}
