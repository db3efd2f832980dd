package dev.resonance.examples.hello;

import dev.resonance.api.auth.SignedIn;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.storage.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/plugins/hello/greeting}: greets the signed-in user and says how often they were greeted, counted in
 * the plugin's own store (its descriptor declares {@code storage}). A JAX-RS resource the core serves under
 * {@code /api} because it is registered with {@code resonance.http.resource=true}; one object serves every request,
 * so request data comes as parameters.
 */
@Component(service = Object.class, property = {HttpContribution.RESOURCE + "=true",
    HttpContribution.NAME + "=hello.greeting"})
@Path("plugins/hello/greeting")
public final class GreetingResource {

    /** The answer, as JSON: {@code {"message": "Hello, alice!", "greetings": 3}}. */
    public record Greeting(String message, long greetings) {
    }

    private final KeyValueStore store;

    @Activate
    public GreetingResource(@Reference KeyValueStore store) {
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SignedIn
    public Greeting greet(@Context SecurityContext request) {
        String user = request.getUserPrincipal().getName();
        String key = "greetings/" + user;
        // read-then-write: two greetings at the same instant may count once, which a greeting can live with
        long greetings = store.get(key).map(bytes -> Long.parseLong(new String(bytes, StandardCharsets.UTF_8)))
            .orElse(0L) + 1;
        store.put(key, Long.toString(greetings).getBytes(StandardCharsets.UTF_8), Optional.empty());
        return new Greeting("Hello, " + user + "!", greetings);
    }
}
