package dev.resonance.impl.stream;

import java.util.Optional;

/** A refusal of a stream request, answered as the one JSON error shape with this status and code. */
public final class StreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Optional<Integer> retryAfterSeconds;

    public StreamException(int status, String code, String message) {
        this(status, code, message, Optional.empty());
    }

    public StreamException(int status, String code, String message, Optional<Integer> retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static StreamException badRequest(String code, String message) {
        return new StreamException(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Integer> retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
