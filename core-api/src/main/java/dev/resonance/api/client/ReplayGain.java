package dev.resonance.api.client;

import java.util.Objects;
import java.util.Optional;

/** A track's ReplayGain as tagged: gains in dB, peaks as linear amplitude (1.0 = full scale). */
public record ReplayGain(Optional<Float> trackGain, Optional<Float> trackPeak, Optional<Float> albumGain,
                         Optional<Float> albumPeak) {
    public ReplayGain {
        Objects.requireNonNull(trackGain, "trackGain");
        Objects.requireNonNull(trackPeak, "trackPeak");
        Objects.requireNonNull(albumGain, "albumGain");
        Objects.requireNonNull(albumPeak, "albumPeak");
    }
}
