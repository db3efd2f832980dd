package dev.resonance.api.lyrics;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One line of lyrics ({@code structuredLyrics.line[]}: {@code start} + {@code value}), with the word cues of
 * songLyrics v2 when the source had them.
 *
 * @param startMs when the line starts, in milliseconds as written in the source (offset not applied); present in
 *     synced lyrics, absent in unsynced ones; never negative
 * @param text the line as displayed (without timing tags); empty for an instrumental gap in synced lyrics or a
 *     stanza break in unsynced ones
 * @param cues word/syllable timings in reading order; empty when the source had none
 */
public record LyricLine(OptionalLong startMs, String text, List<WordCue> cues) {

    public LyricLine {
        Objects.requireNonNull(startMs, "startMs");
        Objects.requireNonNull(text, "text");
        cues = List.copyOf(cues);
        if (startMs.isPresent() && startMs.getAsLong() < 0) {
            throw new IllegalArgumentException("a line cannot start before the track: " + startMs.getAsLong());
        }
    }

    /** A synced line without word cues. */
    public static LyricLine timed(long startMs, String text) {
        return new LyricLine(OptionalLong.of(startMs), text, List.of());
    }

    /** An unsynced line. */
    public static LyricLine plain(String text) {
        return new LyricLine(OptionalLong.empty(), text, List.of());
    }

    /** This line {@code ms} earlier, never before 0 (cues shifted alike, the same clamp). */
    LyricLine shiftedEarlier(long ms) {
        if (startMs.isEmpty() || ms == 0) {
            return this;
        }
        return new LyricLine(OptionalLong.of(clamp(startMs.getAsLong() - ms)), text, cues.stream()
            .map(cue -> new WordCue(clamp(cue.startMs() - ms),
                cue.endMs().isPresent() ? OptionalLong.of(clamp(cue.endMs().getAsLong() - ms)) : OptionalLong.empty(),
                cue.text()))
            .toList());
    }

    private static long clamp(long ms) {
        return Math.max(0, ms);
    }
}
