package dev.resonance.impl.sync;

import dev.resonance.impl.input.PageLimit;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.impl.http.RequestCaller;
import dev.resonance.impl.library.browse.CatalogViews;
import java.util.Optional;
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

/** {@code /api/v1/user/liked/*}: the caller's likes of tracks, albums and artists. PUT and DELETE are idempotent. */
@Path("v1/user/liked")
@Produces(MediaType.APPLICATION_JSON)
public final class LikesResource {

    private final LikesService likes;

    public LikesResource(LikesService likes) {
        this.likes = likes;
    }

    @GET
    @Path("{type}")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public CatalogViews.Page<LikesService.Liked> list(@PathParam("type") String type, @QueryParam("after") String after,
                                                      @QueryParam("limit") @DefaultValue("100") PageLimit limit,
                                                      @Context SecurityContext security) {
        return likes.list(RequestCaller.required(security), LikeKind.parse(type), Optional.ofNullable(after), limit);
    }

    @PUT
    @Path("{type}/{id}")
    @RequiresPermission(Permission.LIKE_CONTENT)
    public LikesService.LikeState like(@PathParam("type") String type, @PathParam("id") long id, @Context SecurityContext security) {
        return likes.like(RequestCaller.required(security), LikeKind.parse(type), id);
    }

    @DELETE
    @Path("{type}/{id}")
    @RequiresPermission(Permission.LIKE_CONTENT)
    public LikesService.LikeState unlike(@PathParam("type") String type, @PathParam("id") long id, @Context SecurityContext security) {
        return likes.unlike(RequestCaller.required(security), LikeKind.parse(type), id);
    }
}
