package dev.resonance.impl.auth;

import dev.resonance.api.auth.SignedIn;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import dev.resonance.impl.http.RequestCaller;

/** {@code /api/v1/user/*}: what signed-in users manage themselves — their devices, app passwords and password. */
@Path("v1/user")
@Produces(MediaType.APPLICATION_JSON)
public final class AccountResource {

    private final AuthService auth;

    public AccountResource(AuthService auth) {
        this.auth = auth;
    }

    @GET
    @Path("devices")
    @SignedIn
    public List<AuthViews.DeviceView> devices(@Context SecurityContext security) {
        return auth.devices(RequestCaller.required(security));
    }

    /** Signs the device out and forgets it. */
    @DELETE
    @Path("devices/{id}")
    @SignedIn
    public void forgetDevice(@PathParam("id") long id, @Context SecurityContext security) {
        auth.forgetDevice(RequestCaller.required(security), id);
    }

    /** The caller's app passwords (never their secrets), newest first. */
    @GET
    @Path("app-passwords")
    @SignedIn
    public List<AppPasswords.Listed> appPasswords(@Context SecurityContext security) {
        return auth.appPasswords().list(RequestCaller.required(security));
    }

    /** A new app password: 201 with its secret, shown this once. */
    @POST
    @Path("app-passwords")
    @SignedIn
    @Consumes(MediaType.APPLICATION_JSON)
    public javax.ws.rs.core.Response createAppPassword(AuthRequests.AppPassword request, @Context SecurityContext security) {
        return javax.ws.rs.core.Response.status(javax.ws.rs.core.Response.Status.CREATED)
                .entity(auth.appPasswords().create(RequestCaller.required(security), AuthResource.body(request).name())).build();
    }

    /** Revokes an app password (its device goes with it). */
    @DELETE
    @Path("app-passwords/{id}")
    @SignedIn
    public void revokeAppPassword(@PathParam("id") java.util.UUID id, @Context SecurityContext security) {
        auth.appPasswords().revoke(RequestCaller.required(security), id);
    }

    /** Changes the caller's password; their other devices are signed out. */
    @PUT
    @Path("password")
    @SignedIn
    @Consumes(MediaType.APPLICATION_JSON)
    public void changePassword(AuthRequests.ChangePassword request, @Context SecurityContext security) {
        auth.changePassword(RequestCaller.required(security), AuthResource.body(request));
    }
}
