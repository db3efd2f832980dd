package dev.resonance.impl.plugins;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.http.RequestCaller;
import dev.resonance.impl.input.PageLimit;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.PATCH;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/admin/plugins}: the plugin manager (permission {@code ManagePlugins}). Lists plugins with their state,
 * capabilities, permissions, problems and configuration; installs from the distribution's repository or an uploaded
 * bundle (SHA-256 checked); enables (approving what the plugin asks for), disables, upgrades, downgrades, uninstalls;
 * shows and changes configuration (secrets write-only). Every action is audited. See docs/plugins.md.
 */
@Path("v1/admin/plugins")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_PLUGINS)
public final class AdminPluginsResource {

    /** A plugin with its configuration form, as the API shows it. */
    public record PluginView(PluginManager.Plugin plugin, Optional<PluginSettings.Form> config) {
    }

    /** Installing from the repository: the plugin id and optionally the version (default: the newest). */
    public record Install(String id, Optional<String> version) {
    }

    private final PluginAdmin admin;

    public AdminPluginsResource(PluginAdmin admin) {
        this.admin = admin;
    }

    @GET
    public List<PluginManager.Plugin> list() {
        return admin.manager().list();
    }

    /** What the distribution's plugin repository offers. */
    @GET
    @Path("available")
    public List<PluginInstaller.Available> available() {
        return admin.installer().available();
    }

    @GET
    @Path("audit")
    public List<PluginAudit.Entry> audit(@QueryParam("limit") @DefaultValue("100") PageLimit limit) {
        return admin.audit().recent(limit.value());
    }

    @GET
    @Path("{id}")
    public PluginView plugin(@PathParam("id") String id) {
        return admin.view(id);
    }

    /** Installs {@code id} (or moves it to {@code version}) from the repository; it arrives disabled. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public PluginManager.Plugin install(Install request, @Context SecurityContext security) {
        if (request == null || request.id() == null || request.id().isBlank()) {
            throw ResonanceException.invalid("invalid_body", "Send {\"id\":\"<plugin id>\"} and optionally \"version\"");
        }
        return admin.installer().installFromRepository(request.id().strip(), request.version(), by(security));
    }

    /**
     * Installs or updates the plugin bundle in the body (the jar's bytes, any content type: {@code application/java-archive}
     * is usual), checked against {@code sha256}.
     */
    @POST
    @Path("upload")
    @Consumes(MediaType.WILDCARD)
    public PluginManager.Plugin upload(@QueryParam("sha256") String sha256, InputStream body,
                                       @Context SecurityContext security) throws IOException {
        byte[] jar = body.readNBytes(PluginInstaller.MAX_UPLOAD_BYTES + 1);
        return admin.installer().installUpload(jar, sha256, by(security));
    }

    /** Moves an installed plugin to another version from the repository (upgrade or downgrade). */
    @PUT
    @Path("{id}/version")
    @Consumes(MediaType.APPLICATION_JSON)
    public PluginManager.Plugin version(@PathParam("id") String id, Install request, @Context SecurityContext security) {
        admin.manager().get(id);
        Optional<String> version = request == null ? Optional.empty() : request.version();
        return admin.installer().installFromRepository(id, version, by(security));
    }

    @POST
    @Path("{id}/enable")
    public PluginManager.Plugin enable(@PathParam("id") String id, @Context SecurityContext security) {
        return admin.manager().enable(id, by(security));
    }

    @POST
    @Path("{id}/disable")
    public PluginManager.Plugin disable(@PathParam("id") String id, @Context SecurityContext security) {
        return admin.manager().disable(id, by(security));
    }

    @DELETE
    @Path("{id}")
    public void uninstall(@PathParam("id") String id, @Context SecurityContext security) {
        admin.installer().uninstall(id, by(security));
    }

    @GET
    @Path("{id}/config")
    public PluginSettings.Form config(@PathParam("id") String id) {
        return admin.config(id);
    }

    /** Changes settings: {@code {"field": value, "secretField": "new", "other": null}}; absent fields are kept. */
    @PATCH
    @Path("{id}/config")
    @Consumes(MediaType.APPLICATION_JSON)
    public PluginSettings.Form configure(@PathParam("id") String id, Map<String, Object> changes,
                                         @Context SecurityContext security) {
        if (changes == null || changes.isEmpty()) {
            throw ResonanceException.invalid("invalid_body", "Send the settings to change as a JSON object");
        }
        return admin.configure(id, changes, by(security));
    }

    private static Optional<Long> by(SecurityContext security) {
        return Optional.of(RequestCaller.required(security).userId());
    }
}
