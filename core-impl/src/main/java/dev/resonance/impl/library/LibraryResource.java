package dev.resonance.impl.library;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** Scan progress: {@code GET /api/v1/library/scan}; starting scans is {@link AdminLibraryResource}. */
@Path("v1/library")
@Produces(MediaType.APPLICATION_JSON)
public final class LibraryResource {

    private final LibraryService library;

    public LibraryResource(LibraryService library) {
        this.library = library;
    }

    @GET
    @Path("scan")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public LibraryService.ScanStatus status() {
        return library.status();
    }
}
