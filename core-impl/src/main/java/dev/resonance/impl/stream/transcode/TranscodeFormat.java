package dev.resonance.impl.stream.transcode;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The formats the server transcodes to. Each names a fixed ffmpeg encoder and muxer, so nothing a client sends
 * reaches ffmpeg's arguments except through this enum and an integer bitrate.
 *
 * <p>AAC goes out as ADTS ({@code audio/aac}): a raw stream of self-describing frames that starts playing from the
 * first bytes in every current browser and can be cut anywhere. Fragmented MP4 would need Media Source Extensions
 * in the page for progressive playback and a writer that flushes fragments; plain MP4 needs its index at the end.
 */
public enum TranscodeFormat {
    OPUS("opus", "libopus", "ogg", "audio/ogg; codecs=opus", "opus", 32, 256, 128, List.of("-ar", "48000")),
    MP3("mp3", "libmp3lame", "mp3", "audio/mpeg", "mp3", 32, 320, 192, List.of()),
    AAC("aac", "aac", "adts", "audio/aac", "aac", 32, 320, 160, List.of());

    private final String apiName;
    private final String encoder;
    private final String muxer;
    private final String contentType;
    private final String extension;
    private final int minKbps;
    private final int maxKbps;
    private final int defaultKbps;
    private final List<String> extraArguments;

    TranscodeFormat(String apiName, String encoder, String muxer, String contentType, String extension, int minKbps, int maxKbps,
                    int defaultKbps, List<String> extraArguments) {
        this.apiName = apiName;
        this.encoder = encoder;
        this.muxer = muxer;
        this.contentType = contentType;
        this.extension = extension;
        this.minKbps = minKbps;
        this.maxKbps = maxKbps;
        this.defaultKbps = defaultKbps;
        this.extraArguments = extraArguments;
    }

    /** The format for an API name ({@code opus}, {@code mp3}, {@code aac}), exactly. */
    public static Optional<TranscodeFormat> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.apiName.equals(name)).findFirst();
    }

    public String apiName() {
        return apiName;
    }

    public String encoder() {
        return encoder;
    }

    public String muxer() {
        return muxer;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public int minKbps() {
        return minKbps;
    }

    public int maxKbps() {
        return maxKbps;
    }

    public int defaultKbps() {
        return defaultKbps;
    }

    /** The bitrate clamped into this format's range. */
    public int clamp(int kbps) {
        return Math.max(minKbps, Math.min(maxKbps, kbps));
    }

    List<String> extraArguments() {
        return extraArguments;
    }

    /** The catalog's codec name for what this format produces ({@code tracks.codec}). */
    public String codec() {
        return apiName;
    }
}
