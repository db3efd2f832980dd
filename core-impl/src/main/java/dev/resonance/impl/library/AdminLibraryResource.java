package dev.resonance.impl.library;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import java.util.Optional;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * {@code /api/v1/admin/library/*}: start scans (EditCatalog); list, add, change and remove libraries and set which
 * libraries a user may see (ManagePermissions: a library is a folder of the server's disk, so it takes the
 * administrator's permission).
 */
@Path("v1/admin/library")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminLibraryResource {

    /** {@code {"libraryIds":[…]}}: the libraries the user may see; empty = all. */
    public record AccessRequest(java.util.List<Long> libraryIds) {
    }

    /** {@code {"kind":"quick"|"full", "libraryId":…}}, both optional. No path: libraries are configured, not requested. */
    public record ScanRequest(Optional<String> kind, Optional<Long> libraryId) {
    }

    /** {@code {"name":…, "path":…}}: a library to add (both required) or the changes to one (either). */
    public record LibraryRequest(Optional<String> name, Optional<String> path) {
    }

    private final LibraryService library;

    public AdminLibraryResource(LibraryService library) {
        this.library = library;
    }

    @javax.ws.rs.GET
    @Path("libraries")
    @RequiresPermission(Permission.MANAGE_PERMISSIONS)
    public java.util.List<LibraryService.Library> libraries() {
        return library.libraries();
    }

    /** Adds a library; its folder is scanned and (when watching is on) watched at once. */
    @POST
    @Path("libraries")
    @RequiresPermission(Permission.MANAGE_PERMISSIONS)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createLibrary(LibraryRequest request) {
        LibraryRequest r = request == null ? new LibraryRequest(Optional.empty(), Optional.empty()) : request;
        return Response.status(Response.Status.CREATED).entity(library.createLibrary(r.name(), r.path())).build();
    }

    /** Renames a library or moves it to another folder (then scanned). */
    @javax.ws.rs.PATCH
    @Path("libraries/{id}")
    @RequiresPermission(Permission.MANAGE_PERMISSIONS)
    @Consumes(MediaType.APPLICATION_JSON)
    public LibraryService.Library updateLibrary(@javax.ws.rs.PathParam("id") long id, LibraryRequest request) {
        LibraryRequest r = request == null ? new LibraryRequest(Optional.empty(), Optional.empty()) : request;
        return library.updateLibrary(id, r.name(), r.path());
    }

    /** Removes a library and its catalog (the files stay where they are). */
    @javax.ws.rs.DELETE
    @Path("libraries/{id}")
    @RequiresPermission(Permission.MANAGE_PERMISSIONS)
    public Response deleteLibrary(@javax.ws.rs.PathParam("id") long id) {
        library.deleteLibrary(id);
        return Response.noContent().build();
    }

    @javax.ws.rs.GET
    @Path("access/{userId}")
    @RequiresPermission(Permission.MANAGE_PERMISSIONS)
    public LibraryService.Access access(@javax.ws.rs.PathParam("userId") long userId) {
        return library.access(userId);
    }

    @javax.ws.rs.PUT
    @Path("access/{userId}")
    @RequiresPermission(Permission.MANAGE_PERMISSIONS)
    @Consumes(MediaType.APPLICATION_JSON)
    public LibraryService.Access setAccess(@javax.ws.rs.PathParam("userId") long userId, AccessRequest request) {
        return library.setAccess(userId, request == null ? null : request.libraryIds());
    }

    @POST
    @Path("scan")
    @RequiresPermission(Permission.EDIT_CATALOG)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response scan(ScanRequest request) {
        ScanRequest r = request == null ? new ScanRequest(Optional.empty(), Optional.empty()) : request;
        return Response.accepted(library.startScan(LibraryService.fullScan(r.kind()), r.libraryId())).build();
    }
}
