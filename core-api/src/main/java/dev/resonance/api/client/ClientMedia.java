package dev.resonance.api.client;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Audio and images for a client app ({@link ClientSession#media()}), served as the core serves its own players: byte
 * ranges, conditional requests, the server's quality decision and transcoding with the user's and the device's
 * streaming settings, the per-user stream budget and the transcode limits.
 */
@ProviderType
public interface ClientMedia {

    /**
     * What the app asks of a stream.
     *
     * @param format a codec to transcode to ({@code mp3}, {@code opus}, {@code aac}), {@code raw} for the original
     *     file, or empty to let the server decide
     * @param maxBitrateKbps the most the app wants, when it says (0 or empty: no limit)
     * @param offsetMs where to start in the song (a transcode from there)
     */
    record StreamOptions(Optional<String> format, Optional<Integer> maxBitrateKbps, long offsetMs) {
        public static final StreamOptions DEFAULT = new StreamOptions(Optional.empty(), Optional.empty(), 0);

        public StreamOptions {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(maxBitrateKbps, "maxBitrateKbps");
            if (offsetMs < 0) {
                throw new IllegalArgumentException("offsetMs must not be negative");
            }
        }
    }

    /**
     * Answers {@code request} with the song's audio, as {@code /stream} does (status, headers, body; {@code HEAD}
     * without a body). A refusal before anything is written is thrown as {@code ResonanceException}
     * ({@code NOT_FOUND}, {@code FORBIDDEN}, {@code INVALID} for options out of range, {@code TOO_MANY_REQUESTS},
     * {@code UNAVAILABLE}) for the app's protocol to render; once bytes are sent, a failure is an {@code IOException}.
     */
    void stream(long songId, StreamOptions options, HttpServletRequest request, HttpServletResponse response) throws IOException;

    /** Answers with the song's original file to keep, with ranges; needs {@code IssueContentDownload}. As {@link #stream}. */
    void download(long songId, HttpServletRequest request, HttpServletResponse response) throws IOException;

    /**
     * An image of the catalog (album cover, artist image).
     *
     * @param bytes the image
     * @param contentType its type ({@code image/jpeg} when resized)
     * @param etag a strong validator for conditional requests (changes with the image and the size)
     */
    record Image(byte[] bytes, String contentType, String etag) {
        public Image {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(etag, "etag");
        }
    }

    /**
     * The image {@code imageId}, scaled to fit {@code size} pixels (16 to 4096) when given; empty when there is none.
     * {@code ResonanceException} {@code UNAVAILABLE} with a retry time while the server is busy resizing others.
     */
    Optional<Image> image(long imageId, Optional<Integer> size);
}
