package dev.resonance.impl.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.SignedIn;
import dev.resonance.impl.http.RequestCaller;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** {@code /api/v1/user/settings}: the caller's server-synced settings (partial updates, validated keys). */
@Path("v1/user/settings")
@Produces(MediaType.APPLICATION_JSON)
@SignedIn
public final class SettingsResource {

    private final SettingsService settings;

    public SettingsResource(SettingsService settings) {
        this.settings = settings;
    }

    @GET
    public SettingsService.Settings get(@Context SecurityContext security) {
        return settings.get(RequestCaller.required(security));
    }

    /** Changes the keys sent ({@code null} resets one to its default); unknown keys or bad values → 400, nothing written. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public SettingsService.Settings update(JsonNode body, @Context SecurityContext security) {
        return settings.update(RequestCaller.required(security), body);
    }
}
