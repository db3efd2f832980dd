package dev.resonance.impl.stream;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.http.RequestCaller;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

/**
 * {@code /api/v1/stream/{id}/decision} (what {@code /stream/{id}} would send for the same inputs) and
 * {@code /api/v1/stream/{id}/url} (a signed, short-lived stream URL for {@code <audio>}).
 */
@Path("v1/stream/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class StreamResource {

    /** The decision as JSON. */
    public record DecisionView(boolean direct, Optional<String> format, Optional<Integer> bitrate, long offsetMillis, String reason,
                               String header) {
        static DecisionView of(StreamDecision d) {
            return new DecisionView(d.direct(), d.transcode().map(t -> t.format().apiName()), d.transcode().map(t -> t.bitrateKbps()),
                    d.transcode().map(t -> t.offsetMillis()).orElse(0L), d.reason(), d.header());
        }
    }

    public record SignedUrl(String url, Instant expiresAt) {
    }

    private final StreamServices stream;

    public StreamResource(StreamServices stream) {
        this.stream = stream;
    }

    @GET
    @Path("decision")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public DecisionView decision(@PathParam("id") long id, @Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
        Caller caller = RequestCaller.required(security);
        Map<String, String[]> query = query(uri);
        StreamParameters parameters = StreamParameters.parse(query);
        TrackFiles.TrackFile file = track(caller, id);
        return DecisionView.of(stream.policy().decide(caller, file, parameters, headers::getHeaderString, query));
    }

    @POST
    @Path("url")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public SignedUrl url(@PathParam("id") long id, @Context UriInfo uri, @Context SecurityContext security) {
        Caller caller = RequestCaller.required(security);
        Map<String, String[]> query = query(uri);
        StreamParameters.parse(query);
        ClientHints.parse(name -> null, query);
        track(caller, id);
        String url = stream.signer().sign(id, caller.userId(), caller.sessionId(), UrlSigner.carried(query));
        return new SignedUrl(url, stream.signer().expiry(url));
    }

    private TrackFiles.TrackFile track(Caller caller, long id) {
        return stream.files().find(caller, id).orElseThrow(() -> ResonanceException.notFound("No track " + id));
    }

    private static Map<String, String[]> query(UriInfo uri) {
        Map<String, String[]> query = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> query.put(k, v.toArray(String[]::new)));
        return query;
    }
}
