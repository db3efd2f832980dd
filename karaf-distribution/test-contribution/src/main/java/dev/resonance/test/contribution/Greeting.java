package dev.resonance.test.contribution;

import dev.resonance.api.auth.SignedIn;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Component;

/** A REST resource under the plugin's own path, for signed-in callers. */
@Component(service = Object.class, property = {"resonance.http.resource=true", "resonance.http.name=test-contribution"})
@Path("plugins/test-contribution/greeting")
@SignedIn
public final class Greeting {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String greet(@Context SecurityContext security) {
        return "hello " + security.getUserPrincipal().getName() + " from the contribution";
    }
}
