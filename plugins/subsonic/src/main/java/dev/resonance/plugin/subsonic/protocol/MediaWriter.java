package dev.resonance.plugin.subsonic.protocol;

import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The answer of a media method (stream, download, cover art): it writes the response itself. A refusal thrown before
 * anything is written ({@code ResonanceException}, {@link ApiError}) is answered as a Subsonic error in the request's
 * format; once bytes are on their way, a failure ends the connection.
 */
@FunctionalInterface
public interface MediaWriter {

    void write(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
