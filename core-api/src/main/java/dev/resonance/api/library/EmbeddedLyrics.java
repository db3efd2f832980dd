package dev.resonance.api.library;

import java.util.Arrays;
import java.util.Objects;

/**
 * Lyrics as a track's file carries them, kept by the core's scanner for the plugins that turn them into
 * {@code dev.resonance.api.lyrics.Lyrics} (the core does not parse lyrics).
 *
 * @param kind where in the file they were
 * @param language the ISO 639-2 code the frame declares ({@code "eng"}, {@code "XXX"}); empty when the format has none
 * @param description the frame's content descriptor (ID3), empty when none
 * @param data for {@link Kind#ID3_SYLT} the frame body as stored in the file (encoding byte, language, time-stamp
 *     format, content type, descriptor, entries); for every other kind the text as UTF-8
 */
public record EmbeddedLyrics(Kind kind, String language, String description, byte[] data) {

    /** The tag frame or field the lyrics came from. */
    public enum Kind {
        /** ID3v2 {@code USLT}: unsynchronised text (often LRC). */
        ID3_USLT,
        /** ID3v2 {@code SYLT}: synchronised entries; {@code data} is the raw frame body. */
        ID3_SYLT,
        /** Vorbis comment or APE {@code LYRICS} (FLAC, Ogg, Opus). */
        VORBIS_LYRICS,
        /** Vorbis comment {@code UNSYNCEDLYRICS}. */
        VORBIS_UNSYNCEDLYRICS,
        /** MP4 {@code ©lyr}. */
        MP4_LYR
    }

    public EmbeddedLyrics {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(description, "description");
        data = data.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddedLyrics that && kind == that.kind && language.equals(that.language)
            && description.equals(that.description) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, language, description, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "EmbeddedLyrics[" + kind + ", " + language + ", " + data.length + " bytes]";
    }
}
