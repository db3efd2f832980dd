package dev.resonance.impl.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.db.DatabaseFailures;
import java.io.IOException;
import java.util.UUID;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;

/**
 * The API's JSON error for plain servlets (the stream servlet, the Jersey container's own failures), classified like
 * {@link ApiExceptionMapper} does: a failure never reaches the container's HTML error page, which shows the
 * exception chain.
 */
public final class ServletErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServletErrors() {
    }

    /** Answers a domain error as {@link ApiExceptionMapper} does: the status and headers of its kind ({@link ErrorStatus}). */
    public static void write(HttpServletResponse response, ResonanceException error) throws IOException {
        ErrorStatus.headers(error, response::setHeader);
        write(response, ErrorStatus.of(error.kind()), error.code(), error.getMessage(), 0);
    }

    /**
     * Writes {@code {"error":{"code","message"}}} with {@code status}, and {@code Retry-After} when above 0: for the
     * answers of the HTTP plumbing itself (a body too large to read, a WebSocket path asked without an upgrade).
     */
    public static void write(HttpServletResponse response, int status, String code, String message, int retryAfterSeconds)
            throws IOException {
        byte[] json = JSON.writeValueAsBytes(ErrorBody.of(code, message));
        response.setStatus(status);
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
        }
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /**
     * Answers a failure nothing else handled: 503 {@code unavailable} with {@code Retry-After} when the database
     * cannot be reached, else 500 with only an incident id (the stack trace is logged under it). Returns false, having
     * only logged, when the answer is already under way: the caller then rethrows, so that the container aborts the
     * connection and the client sees a cut-off answer rather than one that looks complete.
     */
    public static boolean answer(Logger log, HttpServletResponse response, Throwable failure) {
        boolean unavailable = DatabaseFailures.isUnavailable(failure);
        String incident = UUID.randomUUID().toString();
        if (unavailable) {
            log.warn("Answered 503, the database is unavailable: {}", failure.getMessage());
        } else {
            log.error("Unexpected error, incident {}", incident, failure);
        }
        if (response.isCommitted()) {
            return false;
        }
        try {
            response.reset();
            if (unavailable) {
                write(response, DatabaseFailures.unavailable());
            } else {
                write(response, 500, "internal_error", "Something went wrong on the server (incident " + incident + ")", 0);
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away: nothing more to say
        }
        return true;
    }
}
