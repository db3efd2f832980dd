package dev.resonance.api.download;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where a download request stands.
 *
 * @param requestId the provider's id of the request (stable; the core asks {@link DownloadProvider#status} with it)
 * @param state where it stands
 * @param progress 0..1 while downloading, when the provider knows
 * @param message a few words for the user ("no release found with FLAC"), when there is something to say
 */
public record DownloadStatus(String requestId, State state, OptionalDouble progress, Optional<String> message) {

    /** The states of a request; {@code DONE} and {@code FAILED} are final. */
    public enum State {
        QUEUED, SEARCHING, DOWNLOADING, IMPORTING, DONE, FAILED
    }

    public DownloadStatus {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(message, "message");
    }
}
