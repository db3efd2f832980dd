package dev.resonance.api.recommend;

import java.util.Objects;
import java.util.Optional;

/**
 * One recommended track.
 *
 * @param trackId the track
 * @param reason why, in a few words for the user ("because you played Aurora Vale"), when the recommender can say
 */
public record Recommendation(long trackId, Optional<String> reason) {
    public Recommendation {
        Objects.requireNonNull(reason, "reason");
    }
}
