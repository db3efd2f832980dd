package dev.resonance.impl.http;

import javax.ws.rs.core.Response;

/** An error the client can act on: becomes {@code {"error":{"code","message"}}} with {@link #status()}. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public ApiException(Response.StatusType status, String code, String message) {
        this(status, code, message, 0);
    }

    private ApiException(Response.StatusType status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status.getStatusCode();
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 with a {@code Retry-After} of at least one second. */
    public static ApiException tooManyRequests(String code, String message, java.time.Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(Response.Status.TOO_MANY_REQUESTS, code, message + " Try again in " + seconds + " s.", seconds);
    }

    /** 503 with a {@code Retry-After} of {@code retryAfterSeconds}. */
    public static ApiException unavailable(String code, String message, int retryAfterSeconds) {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, code, message, Math.max(1, retryAfterSeconds));
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(Response.Status.BAD_REQUEST, code, message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(Response.Status.UNAUTHORIZED, code, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(Response.Status.FORBIDDEN, code, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Response.Status.NOT_FOUND, "not_found", message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(Response.Status.CONFLICT, code, message);
    }
}
