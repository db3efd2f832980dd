package dev.resonance.impl.library;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.impl.http.ApiException;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** {@code POST /api/v1/admin/library/scan}: start a quick or full scan (202 with the progress). */
@Path("v1/admin/library")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.EDIT_CATALOG)
public final class AdminLibraryResource {

    /** {@code {"kind":"quick"|"full", "libraryId":…}}, both optional. No path: libraries are configured, not requested. */
    public record ScanRequest(Optional<String> kind, Optional<Long> libraryId) {
    }

    private final LibraryService library;

    @Inject
    public AdminLibraryResource(LibraryService library) {
        this.library = library;
    }

    @POST
    @Path("scan")
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
