package dev.resonance.impl.stream;

import dev.resonance.api.auth.Caller;
import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Serving a track as {@code /stream} does, for other routes of the core (client protocols through
 * {@code ClientMedia}); registered by the streaming component while it runs ({@link StreamServlet#deliver}).
 */
@FunctionalInterface
public interface TrackDelivery {

    /** {@code hints}: the quality decision's query parameters; {@code body}: false for a {@code HEAD} request. */
    void deliver(Caller caller, long trackId, boolean download, StreamParameters parameters, java.util.Map<String, String[]> hints,
                 HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException;
}
