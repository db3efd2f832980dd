package dev.resonance.impl.plugins;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.api.recommend.RecommendationRequest;
import dev.resonance.impl.http.RequestCaller;
import dev.resonance.impl.input.IdList;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.input.PageLimit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/v1/content/recommendations?purpose=&seeds=&exclude=&limit=}: tracks the recommender plugins suggest
 * for the caller (see {@link RecommendationService}). {@code purpose}: {@code discover} (the weekly discovery: what the
 * user has not heard but may like; the default), {@code similar} or {@code autoplay} (both need {@code seeds});
 * {@code seeds} and {@code exclude}: comma-separated track ids (at most 50 and 500); {@code limit}: 1–500, default 30.
 * No recommender: 200 with no items.
 */
@Path("v1/content/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.ACCESS_CATALOG)
public final class RecommendationsResource {

    private final RecommendationService recommendations;

    public RecommendationsResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    public RecommendationService.Result recommend(@QueryParam("purpose") @DefaultValue("discover") String purpose,
                                                  @QueryParam("seeds") @DefaultValue("") String seeds,
                                                  @QueryParam("exclude") @DefaultValue("") String exclude,
                                                  @QueryParam("limit") @DefaultValue("30") PageLimit limit,
                                                  @Context SecurityContext security) {
        RecommendationRequest.Purpose asked = purpose(purpose);
        List<Long> seedIds = IdList.parse("seeds", seeds, RecommendationService.MAX_SEEDS);
        if (asked != RecommendationRequest.Purpose.DISCOVER && seedIds.isEmpty()) {
            throw new InvalidInput("seeds", "tracks to go on from are needed for " + purpose);
        }
        return recommendations.recommend(RequestCaller.required(security), asked, seedIds,
                new HashSet<>(IdList.parse("exclude", exclude, RecommendationService.MAX_EXCLUDED)), limit.value());
    }

    static RecommendationRequest.Purpose purpose(String text) {
        for (RecommendationRequest.Purpose p : RecommendationRequest.Purpose.values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(text)) {
                return p;
            }
        }
        throw new InvalidInput("purpose", "must be discover, similar or autoplay");
    }
}
