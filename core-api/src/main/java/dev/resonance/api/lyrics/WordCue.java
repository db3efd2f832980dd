package dev.resonance.api.lyrics;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One timed word or syllable inside a line: an enhanced-LRC {@code <mm:ss.xx>word} cue, or one ID3 SYLT chunk.
 *
 * @param startMs when the word starts, in milliseconds from the start of the track as written in the source (the
 *     lyrics' offset is not applied), never negative
 * @param endMs when the word ends, only when the source says so (an ELRC trailing {@code <mm:ss.xx>} with no text
 *     after it); otherwise a player takes the next cue's start
 * @param text the word as displayed, including the spaces the source put around it
 */
public record WordCue(long startMs, OptionalLong endMs, String text) {

    public WordCue {
        if (startMs < 0) {
            throw new IllegalArgumentException("a word cue cannot start before the track: " + startMs);
        }
        Objects.requireNonNull(endMs, "endMs");
        Objects.requireNonNull(text, "text");
    }

    public WordCue(long startMs, String text) {
        this(startMs, OptionalLong.empty(), text);
    }
}
