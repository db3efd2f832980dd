package dev.resonance.impl.sync;

import dev.resonance.impl.input.PageLimit;
import dev.resonance.api.auth.SignedIn;
import dev.resonance.impl.http.ErrorBody;
import dev.resonance.impl.http.RequestCaller;
import java.util.Map;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/** {@code /api/v1/sync/*}: the full snapshot and catch-up from the event log. */
@Path("v1/sync")
@Produces(MediaType.APPLICATION_JSON)
@SignedIn
public final class SyncResource {

    /** Where a client whose cursor is gone starts over. */
    public static final String SNAPSHOT_PATH = "/api/v1/sync/state";

    private final SyncService sync;

    public SyncResource(SyncService sync) {
        this.sync = sync;
    }

    @GET
    @Path("state")
    public SyncService.Snapshot state(@Context SecurityContext security) {
        return sync.snapshot(RequestCaller.required(security));
    }

    /**
     * The events after {@code since}, oldest first ({@code hasMore}: ask again from the last seq). 410 with the snapshot's
     * address when the events after {@code since} were pruned (or {@code since} is not a cursor of this log).
     */
    @GET
    @Path("events")
    public Response events(@QueryParam("since") @DefaultValue("0") long since, @QueryParam("limit") @DefaultValue("500") PageLimit limit,
                           @Context SecurityContext security) {
        SyncService.CatchUp answer = sync.catchUp(RequestCaller.required(security), since, limit);
        if (answer instanceof SyncService.Missed missed) {
            return Response.ok(missed.events()).build();
        }
        SyncService.SnapshotRequired gone = (SyncService.SnapshotRequired) answer;
        String message = since > gone.currentSeq()
                ? "since=" + since + " is ahead of this server's log (at " + gone.currentSeq() + "): fetch the full state from " + SNAPSHOT_PATH
                : "Events up to " + gone.prunedThrough() + " were pruned: fetch the full state from " + SNAPSHOT_PATH
                + " and continue from its seq";
        return Response.status(Response.Status.GONE).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(snapshotRequired(message, gone.currentSeq()))
                .build();
    }

    private static ErrorBody snapshotRequired(String message, long currentSeq) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(ErrorBody.of("snapshot_required", message).error());
        fields.put("snapshot", SNAPSHOT_PATH);
        fields.put("currentSeq", Long.toString(currentSeq));
        return new ErrorBody(fields);
    }
}
