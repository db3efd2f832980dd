package dev.resonance.impl.playlists;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.http.RequestCaller;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.library.browse.CatalogViews;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

/**
 * {@code /api/v1/user/playlists}: the caller's playlists and those shared with them (docs/api.md "Playlists"). Reading
 * needs AccessCatalog (a playlist is a list of catalog tracks) and being the owner, a collaborator, or the playlist
 * being public; every change needs OwnPlaylists.
 */
@Path("v1/user/playlists")
@Produces(MediaType.APPLICATION_JSON)
public final class PlaylistsResource {

    /** The largest M3U8 file or cover image taken (the API's body limit). */
    static final int MAX_UPLOAD_BYTES = 1024 * 1024;
    static final String M3U8_TYPE = "audio/x-mpegurl";

    private final PlaylistsService playlists;
    private final PlaylistSharing sharing;
    private final PlaylistFiles files;

    public PlaylistsResource(PlaylistsService playlists, PlaylistSharing sharing, PlaylistFiles files) {
        this.playlists = playlists;
        this.sharing = sharing;
        this.files = files;
    }

    @GET
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public CatalogViews.Page<PlaylistViews.Summary> list(@QueryParam("scope") @DefaultValue("mine") String scope,
                                                         @QueryParam("after") String after,
                                                         @QueryParam("limit") @DefaultValue("100") PageLimit limit,
                                                         @Context SecurityContext security) {
        return playlists.list(RequestCaller.required(security), scope, Optional.ofNullable(after), limit);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.Summary create(PlaylistRequests.Create request, @Context SecurityContext security) {
        return playlists.create(RequestCaller.required(security), required(request));
    }

    /**
     * An M3U8 file (UTF-8) as the body, whatever its declared type ({@code audio/x-mpegurl}, {@code text/plain}…): a new
     * playlist of the tracks it names, and the lines that matched none.
     */
    @POST
    @Path("import")
    @Consumes(MediaType.WILDCARD)
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.ImportReport importFile(@QueryParam("name") String name, InputStream body,
                                                 @Context SecurityContext security) throws IOException {
        return files.importFile(RequestCaller.required(security), Optional.ofNullable(name).filter(n -> !n.isBlank()), utf8(body));
    }

    @POST
    @Path("join")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.Sharing join(PlaylistRequests.Join request, @Context SecurityContext security) {
        return sharing.join(RequestCaller.required(security), required(request).token());
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public PlaylistViews.Detail get(@PathParam("id") long id, @Context SecurityContext security) {
        return playlists.get(RequestCaller.required(security), id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.Summary update(@PathParam("id") long id, PlaylistRequests.Patch patch, @Context SecurityContext security) {
        return playlists.update(RequestCaller.required(security), id, required(patch));
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public void delete(@PathParam("id") long id, @Context SecurityContext security) {
        playlists.delete(RequestCaller.required(security), id);
    }

    @GET
    @Path("{id}/entries")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public PlaylistViews.EntryPage entries(@PathParam("id") long id, @QueryParam("after") String after,
                                           @QueryParam("limit") @DefaultValue("500") PageLimit limit,
                                           @Context SecurityContext security) {
        return playlists.entries(RequestCaller.required(security), id, Optional.ofNullable(after), limit);
    }

    @POST
    @Path("{id}/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.Edit add(@PathParam("id") long id, PlaylistRequests.AddEntries request, @Context SecurityContext security) {
        return playlists.add(RequestCaller.required(security), id, required(request));
    }

    @POST
    @Path("{id}/entries/move")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.Edit move(@PathParam("id") long id, PlaylistRequests.MoveEntries request, @Context SecurityContext security) {
        return playlists.move(RequestCaller.required(security), id, required(request));
    }

    @POST
    @Path("{id}/entries/remove")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.Edit remove(@PathParam("id") long id, PlaylistRequests.RemoveEntries request, @Context SecurityContext security) {
        return playlists.remove(RequestCaller.required(security), id, required(request));
    }

    @GET
    @Path("{id}/collaborators")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public PlaylistViews.Sharing collaborators(@PathParam("id") long id, @Context SecurityContext security) {
        return sharing.collaborators(RequestCaller.required(security), id);
    }

    @POST
    @Path("{id}/collaborators")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.Sharing addCollaborator(@PathParam("id") long id, PlaylistRequests.AddCollaborator request,
                                                 @Context SecurityContext security) {
        return sharing.add(RequestCaller.required(security), id, required(request).username());
    }

    /** The owner removes a collaborator; a collaborator removes themself (leaves the playlist). */
    @DELETE
    @Path("{id}/collaborators/{userId}")
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.Sharing removeCollaborator(@PathParam("id") long id, @PathParam("userId") long userId,
                                                    @Context SecurityContext security) {
        return sharing.remove(RequestCaller.required(security), id, userId);
    }

    @GET
    @Path("{id}/invites")
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public List<PlaylistViews.Invite> invites(@PathParam("id") long id, @Context SecurityContext security) {
        return sharing.invites(RequestCaller.required(security), id);
    }

    @POST
    @Path("{id}/invites")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.Invite invite(@PathParam("id") long id, PlaylistRequests.CreateInvite request, @Context SecurityContext security) {
        return sharing.invite(RequestCaller.required(security), id, request == null ? Optional.empty() : request.expiresInHours());
    }

    @DELETE
    @Path("{id}/invites/{inviteId}")
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public void revokeInvite(@PathParam("id") long id, @PathParam("inviteId") long inviteId, @Context SecurityContext security) {
        sharing.revoke(RequestCaller.required(security), id, inviteId);
    }

    /** The cover image as the body (JPEG, PNG, GIF or BMP): shown instead of the mosaic. */
    @PUT
    @Path("{id}/cover")
    @Consumes(MediaType.WILDCARD)
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.Summary setCover(@PathParam("id") long id, InputStream body, @Context SecurityContext security) throws IOException {
        return playlists.setCover(RequestCaller.required(security), id, bounded(body));
    }

    @DELETE
    @Path("{id}/cover")
    @RequiresPermission(Permission.OWN_PLAYLISTS)
    public PlaylistViews.Summary deleteCover(@PathParam("id") long id, @Context SecurityContext security) {
        return playlists.deleteCover(RequestCaller.required(security), id);
    }

    /** The playlist as an M3U8 file: {@code paths=relative} (to each track's library root, the default) or {@code absolute}. */
    @GET
    @Path("{id}/m3u8")
    @Produces({M3U8_TYPE, MediaType.APPLICATION_JSON})
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public Response export(@PathParam("id") long id, @QueryParam("paths") @DefaultValue("relative") String paths,
                           @Context SecurityContext security) {
        boolean absolute = switch (paths) {
            case "relative" -> false;
            case "absolute" -> true;
            default -> throw ResonanceException.invalid("invalid_parameter", "paths must be \"relative\" or \"absolute\"");
        };
        String text = files.export(RequestCaller.required(security), id, absolute);
        return Response.ok(text.getBytes(StandardCharsets.UTF_8), M3U8_TYPE + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"playlist-" + id + ".m3u8\"").build();
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw ResonanceException.invalid("invalid_body", "The request needs a JSON body");
        }
        return body;
    }

    private static byte[] bounded(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_UPLOAD_BYTES + 1);
        if (bytes.length > MAX_UPLOAD_BYTES) {
            throw ResonanceException.tooLarge("body_too_large", "The request body is larger than " + MAX_UPLOAD_BYTES / 1024 + " KiB");
        }
        return bytes;
    }

    private static String utf8(InputStream body) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bounded(body))).toString();
        } catch (CharacterCodingException e) {
            throw ResonanceException.invalid("invalid_encoding", "An M3U8 file must be UTF-8 text");
        }
    }
}
