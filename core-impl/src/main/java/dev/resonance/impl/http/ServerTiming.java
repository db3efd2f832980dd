package dev.resonance.impl.http;

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
            long micros = (System.nanoTime() - started) / 1000;
            long fraction = micros % 1000;
            // not String.format: this runs on every answer
            response.getHeaders().putSingle("Server-Timing", "app;dur=" + micros / 1000 + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".")
                    + fraction);
        }
    }
}
