package dev.resonance.impl.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import javax.servlet.http.HttpServletResponse;

/** The one error shape of the whole API: {@code {"error":{"code":"…","message":"…"}}}. */
public record ErrorBody(Map<String, String> error) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ErrorBody of(String code, String message) {
        return new ErrorBody(Map.of("code", code, "message", message));
    }

    /**
     * Writes the error shape as the whole answer of a plain servlet (the ones outside Jersey: the site, streams, the
     * socket), with {@code Retry-After} when given. Does nothing to an answer already committed.
     */
    public static void write(HttpServletResponse response, int status, String code, String message, Optional<Integer> retryAfterSeconds)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        retryAfterSeconds.ifPresent(s -> response.setHeader("Retry-After", Integer.toString(s)));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        byte[] body = JSON.writeValueAsBytes(of(code, message));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
