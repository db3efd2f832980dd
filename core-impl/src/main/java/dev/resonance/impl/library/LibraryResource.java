package dev.resonance.impl.library;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.impl.http.ApiException;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Scan control: {@code GET /api/v1/library/scan} (progress) and {@code POST /api/v1/admin/library/scan}. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public final class LibraryResource {

    /** {@code {"kind":"quick"|"full", "libraryId":…}}, both optional. */
    public record ScanRequest(Optional<String> kind, Optional<Long> libraryId) {
    }

    private final LibraryService library;

    @Inject
    public LibraryResource(LibraryService library) {
        this.library = library;
    }

    @GET
    @Path("library/scan")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public LibraryService.ScanStatus status() {
        return library.status();
    }

    @POST
    @Path("admin/library/scan")
    @RequiresPermission(Permission.EDIT_CATALOG)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response scan(ScanRequest request) {
        ScanRequest r = request == null ? new ScanRequest(Optional.empty(), Optional.empty()) : request;
        String kind = r.kind().map(k -> k.toLowerCase(Locale.ROOT)).orElse("quick");
        if (!kind.equals("quick") && !kind.equals("full")) {
            throw ApiException.badRequest("invalid_field", "kind must be 'quick' or 'full'");
        }
        return Response.accepted(library.startScan(kind.equals("full"), r.libraryId())).build();
    }
}
