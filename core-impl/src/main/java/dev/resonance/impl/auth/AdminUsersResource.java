package dev.resonance.impl.auth;

import dev.resonance.impl.input.PageLimit;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.impl.http.RequestCaller;
import java.util.Optional;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/** {@code /api/v1/admin/*} for accounts: users, their permissions and passwords, and registration. */
@Path("v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_PERMISSIONS)
public final class AdminUsersResource {

    private final AuthService auth;

    public AdminUsersResource(AuthService auth) {
        this.auth = auth;
    }

    /** Users by id, {@code limit} at a time; pass {@code nextAfter} of a page as {@code after} for the next. */
    @GET
    @Path("users")
    public AuthViews.UserPage users(@QueryParam("after") @DefaultValue("0") long after,
                                    @QueryParam("limit") @DefaultValue("50") PageLimit limit) {
        return auth.users(after, limit);
    }

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(AuthRequests.CreateUser request, @Context SecurityContext security) {
        AuthViews.User user = auth.createUser(AuthResource.body(request), Optional.of(RequestCaller.required(security)));
        return Response.status(Response.Status.CREATED).entity(user).build();
    }

    @GET
    @Path("users/{id}")
    public AuthViews.User user(@PathParam("id") long id) {
        return auth.user(id);
    }

    @PATCH
    @Path("users/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AuthViews.User update(@PathParam("id") long id, AuthRequests.PatchUser patch, @Context SecurityContext security) {
        return auth.updateUser(id, AuthResource.body(patch), Optional.of(RequestCaller.required(security)));
    }

    @DELETE
    @Path("users/{id}")
    public void delete(@PathParam("id") long id, @Context SecurityContext security) {
        auth.deleteUser(id, Optional.of(RequestCaller.required(security)));
    }

    /** Grants a permission, optionally until {@code expiresAt} (body {@code {"expiresAt":"…"}}, or none). */
    @POST
    @Path("users/{id}/permissions/{permission}")
    public AuthViews.User grant(@PathParam("id") long id, @PathParam("permission") String permission,
                                AuthRequests.Grant grant, @Context SecurityContext security) {
        return auth.grant(id, AuthService.permission(permission), Optional.ofNullable(grant).flatMap(AuthRequests.Grant::expiresAt),
                Optional.of(RequestCaller.required(security)));
    }

    @DELETE
    @Path("users/{id}/permissions/{permission}")
    public AuthViews.User revoke(@PathParam("id") long id, @PathParam("permission") String permission,
                                 @Context SecurityContext security) {
        return auth.revoke(id, AuthService.permission(permission), Optional.of(RequestCaller.required(security)));
    }

    /** Sets a user's password; all their sessions are signed out. */
    @POST
    @Path("users/{id}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public void setPassword(@PathParam("id") long id, AuthRequests.SetPassword request, @Context SecurityContext security) {
        auth.setPassword(id, AuthResource.body(request).password(), Optional.of(RequestCaller.required(security)));
    }

    @GET
    @Path("settings")
    public AuthViews.ServerSettings settings() {
        return auth.serverSettings();
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public AuthViews.ServerSettings updateSettings(AuthRequests.ServerSettings update) {
        return auth.updateServerSettings(AuthResource.body(update));
    }
}
