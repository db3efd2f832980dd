package dev.resonance.impl.http;

import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** {@code GET /api/v1/server}: what this server is, for clients deciding how to talk to it. Public. */
@Path("v1/server")
@dev.resonance.api.auth.Public
public final class ServerInfoResource {

    /** The running core's version, bound for injection. */
    public record Version(String value) {
    }

    private final String version;

    public ServerInfoResource(Version version) {
        this.version = version.value();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> info() {
        return Map.of("name", "Resonance", "version", version, "apiVersion", 1);
    }
}
