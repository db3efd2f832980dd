package dev.resonance.impl.http;

import javax.ws.rs.core.Response;

/** An error the client can act on: becomes {@code {"error":{"code","message"}}} with {@link #status()}. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(Response.StatusType status, String code, String message) {
        super(message, null, false, false);
        this.status = status.getStatusCode();
        this.code = code;
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
}
