package dev.resonance.api.recommend;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Recommends tracks, registered as an OSGi service by plugins (listening-history statistics, audio similarity,
 * ListenBrainz's recommendations).
 *
 * <p><b>How the core calls it.</b> For autoplay, "similar to this" and discovery playlists the core asks every enabled
 * recommender (in service-ranking order) for the same request and interleaves their answers by rank, dropping
 * duplicates, tracks in the request's {@code exclude} and tracks the user cannot see. A recommender that fails or runs
 * past the plugin call timeout contributes nothing; with no answer at all there are no recommendations (the web app
 * then shows no Weekly Discover). The clients ask through {@code GET /api/v1/content/recommendations}.
 * {@link RecommendationRequest.Purpose#DISCOVER} is the user's Weekly Discover: answer the same tracks for the whole
 * week (ISO week, UTC) so that the playlist does not change each time it is opened. Calling conventions:
 * {@code dev.resonance.api.plugin}.
 */
@ConsumerType
public interface Recommender {

    /** Tracks for {@code request}, best first, at most its limit; empty when this recommender has nothing to say. */
    List<Recommendation> recommend(RecommendationRequest request) throws Exception;
}
