package dev.resonance.impl.health;

import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** {@code GET /health}: 200 while the server can serve (UP or DEGRADED), 503 naming the part that is down. */
@Path("/")
public final class HealthResource {

    private final HealthRegistry registry;

    @Inject
    public HealthResource(HealthRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        HealthReport report = registry.report();
        CacheControl noCache = new CacheControl();
        noCache.setNoStore(true);
        return Response.status(report.ready() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(report.toJson())
                .cacheControl(noCache)
                .build();
    }
}
