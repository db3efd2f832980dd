package dev.resonance.plugin.subsonic.protocol;

import java.util.Objects;

/**
 * A refusal answered as a Subsonic {@code error} element (status {@code failed}): its code and a message the user can
 * act on. Thrown anywhere in a method; the {@link Protocol} answers it. Carries no stack trace (it says what the
 * client did, not where the server failed).
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    public ApiError(ErrorCode code, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** Error 10: the parameter is required. */
    public static ApiError missing(String parameter) {
        return new ApiError(ErrorCode.MISSING_PARAMETER, "Required parameter is missing: " + parameter);
    }

    /** Error 70 with this message. */
    public static ApiError notFound(String message) {
        return new ApiError(ErrorCode.NOT_FOUND, message);
    }

    /** Error 0: a parameter's value is not one the method takes. */
    public static ApiError invalid(String parameter, String value, String expected) {
        return new ApiError(ErrorCode.GENERIC, "Invalid value of parameter " + parameter + ": \"" + shorten(value)
            + "\" (" + expected + ")");
    }

    private static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
