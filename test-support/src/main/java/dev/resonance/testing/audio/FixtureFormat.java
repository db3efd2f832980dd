package dev.resonance.testing.audio;

import java.util.List;

/** The audio formats {@link AudioFixtures} can generate, each with the ffmpeg arguments that encode it. */
public enum FixtureFormat {
    MP3("mp3", List.of("-c:a", "libmp3lame", "-b:a", "128k", "-f", "mp3")),
    FLAC("flac", List.of("-c:a", "flac", "-f", "flac")),
    OGG_VORBIS("ogg", List.of("-c:a", "libvorbis", "-q:a", "3", "-f", "ogg")),
    OPUS("opus", List.of("-c:a", "libopus", "-b:a", "96k", "-f", "opus")),
    M4A_AAC("m4a", List.of("-c:a", "aac", "-b:a", "128k", "-f", "ipod")),
    M4A_ALAC("m4a", List.of("-c:a", "alac", "-f", "ipod")),
    WAV("wav", List.of("-c:a", "pcm_s16le", "-f", "wav")),
    AIFF("aiff", List.of("-c:a", "pcm_s16be", "-f", "aiff"));

    private final String extension;
    private final List<String> encoderArguments;

    FixtureFormat(String extension, List<String> encoderArguments) {
        this.extension = extension;
        this.encoderArguments = encoderArguments;
    }

    /** File extension without the dot. */
    public String extension() {
        return extension;
    }

    List<String> encoderArguments() {
        return encoderArguments;
    }

    /** Whether the codec is lossless (so bit depth is meaningful). */
    public boolean lossless() {
        return this == FLAC || this == M4A_ALAC || this == WAV || this == AIFF;
    }

    /** The tag container the fixture writes: ID3v2, Vorbis comments or MP4 atoms. */
    public TagStyle tagStyle() {
        return switch (this) {
            case MP3, WAV, AIFF -> TagStyle.ID3V2;
            case FLAC, OGG_VORBIS, OPUS -> TagStyle.VORBIS_COMMENTS;
            case M4A_AAC, M4A_ALAC -> TagStyle.MP4_ATOMS;
        };
    }

    /** How a format stores its tags. */
    public enum TagStyle {
        /** ID3v2 frames; several values of one text frame are NUL-separated (as ID3v2.4 prescribes). */
        ID3V2,
        /** One {@code KEY=value} comment per value; several values are several comments. */
        VORBIS_COMMENTS,
        /**
         * iTunes atoms; the standard atoms hold one value, so several artists/genres are joined with "; "
         * (freeform {@code ----:com.apple.iTunes:} atoms carry one data atom per value).
         */
        MP4_ATOMS
    }
}
