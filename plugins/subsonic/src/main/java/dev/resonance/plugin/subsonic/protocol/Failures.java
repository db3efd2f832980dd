package dev.resonance.plugin.subsonic.protocol;

import dev.resonance.api.error.ResonanceException;

/** The one place where the core's {@link ResonanceException}s become Subsonic errors. */
public final class Failures {

    private Failures() {
    }

    /**
     * FORBIDDEN → 50 (a user without the permission, e.g. AccessCatalog to browse); NOT_FOUND → 70; UNAVAILABLE →
     * 0 saying the server cannot answer now; UNAUTHENTICATED → 40; everything else → 0 with the core's message.
     */
    public static ApiError toApiError(ResonanceException e) {
        switch (e.kind()) {
            case FORBIDDEN:
                return new ApiError(ErrorCode.NOT_AUTHORIZED, "Not authorized: " + e.getMessage());
            case NOT_FOUND:
                return ApiError.notFound(e.getMessage());
            case UNAUTHENTICATED:
                return new ApiError(ErrorCode.WRONG_CREDENTIALS, e.getMessage());
            case UNAVAILABLE:
                return new ApiError(ErrorCode.GENERIC, "The server cannot answer right now, try again later: "
                    + e.getMessage());
            default:
                return new ApiError(ErrorCode.GENERIC, e.getMessage());
        }
    }
}
