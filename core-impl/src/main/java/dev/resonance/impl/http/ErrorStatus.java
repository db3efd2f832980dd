package dev.resonance.impl.http;

import dev.resonance.api.error.ResonanceException;
import java.util.function.BiConsumer;

/**
 * The one translation of a domain error into HTTP, for the Jersey mapper ({@link ApiExceptionMapper}) and the plain
 * servlets ({@link ServletErrors}) alike: the status of each {@link ResonanceException.Kind}, and the headers that
 * go with it ({@code Retry-After} when the error advises a wait, {@code WWW-Authenticate} on 401).
 */
public final class ErrorStatus {

    static final String BEARER_CHALLENGE = "Bearer realm=\"resonance\"";

    private ErrorStatus() {
    }

    /** The status of {@code kind}: one per kind, so a client can rely on it as much as on the code. */
    public static int of(ResonanceException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
            case TOO_LARGE -> 413;
            case RANGE_NOT_SATISFIABLE -> 416;
            case TOO_MANY_REQUESTS -> 429;
            case UPSTREAM_FAILED -> 502;
            case UNAVAILABLE -> 503;
        };
    }

    /** Hands each header the answer to {@code error} carries to {@code header} (name, value). */
    static void headers(ResonanceException error, BiConsumer<String, String> header) {
        error.retryAfter().ifPresent(wait -> header.accept("Retry-After", Long.toString(wait.getSeconds())));
        if (error.kind() == ResonanceException.Kind.UNAUTHENTICATED) {
            header.accept("WWW-Authenticate", BEARER_CHALLENGE);
        }
    }
}
