package dev.resonance.impl.http;

import java.util.Locale;
import javax.annotation.Priority;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;

/**
 * Adds {@code Server-Timing: app;dur=<ms>} to every API answer: the time from the request entering Jersey
 * (before authentication) to the answer's entity being ready, i.e. authentication, access control, the resource
 * and its queries — not JSON serialisation or the network. Browsers show it in their developer tools, and the
 * benchmarks use it to separate the server's time from the client's and the machine's.
 */
@PreMatching
@Priority(1) // first in, and (response filters run in reverse order) last out
public final class ServerTiming implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = ServerTiming.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STARTED) instanceof Long started) {
            response.getHeaders().putSingle("Server-Timing",
                    String.format(Locale.ROOT, "app;dur=%.3f", (System.nanoTime() - started) / 1e6));
        }
    }
}
