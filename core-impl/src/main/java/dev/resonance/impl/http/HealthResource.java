package dev.resonance.impl.http;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.auth.Permission;
import dev.resonance.impl.health.HealthRegistry;
import dev.resonance.impl.health.HealthReport;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * {@code GET /health}: 200 while the server can serve (UP or DEGRADED), 503 naming the part that is down. Anyone sees
 * the states; the details (database address and version, schema version, music folder) only a signed-in holder of
 * {@link #DETAILS} or a client on the server's own machine — they tell an attacker what to aim at and are not
 * needed by a load balancer. The HTTP face of the {@code health} package, which itself knows no HTTP.
 */
@Path("/")
public final class HealthResource {

    /** Who sees the details: the closest to "manages the server" of the existing permissions. */
    public static final Permission DETAILS = Permission.REBOOT_SERVER;

    private final HealthRegistry registry;

    public HealthResource(HealthRegistry registry) {
        this.registry = registry;
    }

    /**
     * The {@code /health} application. {@code authenticator} may answer nothing (the account system needs the
     * database, and health must answer while it is down): then everyone gets the states only.
     */
    public static ResourceConfig application(HealthRegistry registry, Authenticator authenticator) {
        return JerseyServlets.application()
                .register(new AuthenticationFilter(authenticator))
                .register(new HealthResource(registry));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health(@Context ContainerRequestContext request) {
        HealthReport report = registry.report();
        // on the machine itself too: while the database is down there is no account to sign in with, and the
        // operator's `curl localhost:8080/health` must still say why
        boolean details = RequestCaller.of(request).filter(caller -> caller.has(DETAILS)).isPresent()
                || RequestCaller.onThisMachine(request);
        CacheControl noCache = new CacheControl();
        noCache.setNoStore(true);
        return Response.status(report.ready() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(report.toJson(details))
                .cacheControl(noCache)
                .build();
    }
}
