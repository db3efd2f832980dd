package dev.resonance.api.recommend;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to recommend.
 *
 * @param userId for whom
 * @param purpose what the tracks are for
 * @param seedTrackIds the tracks to go on from (what just played, the track "similar to"); may be empty for
 *     {@link Purpose#DISCOVER}
 * @param exclude tracks not to recommend (already queued, already in the playlist)
 * @param limit at most this many, 1 to 500
 */
public record RecommendationRequest(long userId, Purpose purpose, List<Long> seedTrackIds, Set<Long> exclude, int limit) {

    /** What recommendations are for. */
    public enum Purpose {
        /** more of the same, to keep playing when the queue ends */
        AUTOPLAY,
        /** tracks like the seeds */
        SIMILAR,
        /** what the user has not heard but may like (the weekly discovery playlist) */
        DISCOVER
    }

    public RecommendationRequest {
        Objects.requireNonNull(purpose, "purpose");
        seedTrackIds = List.copyOf(seedTrackIds);
        exclude = Set.copyOf(exclude);
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1 to 500");
        }
    }
}
