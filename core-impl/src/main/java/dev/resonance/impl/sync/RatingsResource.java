package dev.resonance.impl.sync;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.impl.http.RequestCaller;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.library.browse.CatalogViews;
import java.util.Optional;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/user/ratings/*}: the caller's ratings (1–5) of tracks, albums and artists. PUT (with 0) and DELETE
 * remove a rating; both are idempotent.
 */
@Path("v1/user/ratings")
@Produces(MediaType.APPLICATION_JSON)
public final class RatingsResource {

    private final RatingsService ratings;

    public RatingsResource(RatingsService ratings) {
        this.ratings = ratings;
    }

    @GET
    @Path("{type}")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public CatalogViews.Page<RatingsService.Rated> list(@PathParam("type") String type, @QueryParam("after") String after,
                                                        @QueryParam("limit") @DefaultValue("100") PageLimit limit,
                                                        @Context SecurityContext security) {
        return ratings.list(RequestCaller.required(security), LikeKind.parse(type), Optional.ofNullable(after), limit);
    }

    @PUT
    @Path("{type}/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.LIKE_CONTENT)
    public RatingsService.RatingState rate(@PathParam("type") String type, @PathParam("id") long id, RatingsService.RatingBody body,
                                           @Context SecurityContext security) {
        if (body == null || body.rating() == null) {
            throw new InvalidInput("rating", "is required: a whole number from 0 (no rating) to " + RatingsService.MAX_RATING);
        }
        return ratings.rate(RequestCaller.required(security), LikeKind.parse(type), id, body.rating());
    }

    @DELETE
    @Path("{type}/{id}")
    @RequiresPermission(Permission.LIKE_CONTENT)
    public RatingsService.RatingState remove(@PathParam("type") String type, @PathParam("id") long id, @Context SecurityContext security) {
        return ratings.rate(RequestCaller.required(security), LikeKind.parse(type), id, 0);
    }
}
