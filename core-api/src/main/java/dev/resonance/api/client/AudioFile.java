package dev.resonance.api.client;

import java.util.Objects;

/**
 * The original file of a song, as the scan read it (what is streamed when no transcoding is asked).
 *
 * @param suffix the file's format as a lower-case extension ({@code flac}, {@code mp3}, {@code m4a}, ...)
 * @param contentType its MIME type ({@code audio/flac})
 * @param codec the audio codec ({@code flac}, {@code mp3}, {@code aac}, ...)
 * @param sizeBytes the file's size
 * @param bitrateKbps average bit rate, 0 when unknown
 * @param sampleRate samples per second, 0 when unknown
 * @param bitDepth bits per sample for lossless formats, 0 otherwise
 * @param channels audio channels, 0 when unknown
 */
public record AudioFile(String suffix, String contentType, String codec, long sizeBytes, int bitrateKbps, int sampleRate,
                        int bitDepth, int channels) {
    public AudioFile {
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(codec, "codec");
    }
}
