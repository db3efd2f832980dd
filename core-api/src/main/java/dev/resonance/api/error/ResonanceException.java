package dev.resonance.api.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A refusal the caller can act on: what {@linkplain Kind kind} of problem, a stable {@linkplain #code() machine code}
 * and a message for the user. Throw it from a service or a resource (a plugin's too); the core answers it in the one
 * JSON error shape with the status of its kind, and with {@code Retry-After} when {@link #retryAfter()} is present.
 *
 * <p>Cheap to throw: it carries no stack trace (it reports what the caller did, not where the server failed).
 */
public final class ResonanceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What is wrong, in the domain's terms; each kind is answered with one status. */
    public enum Kind {
        /** The request is malformed or a value breaks a rule. */
        INVALID,
        /** No valid credentials: sign in (again). */
        UNAUTHENTICATED,
        /** Known caller, not allowed. */
        FORBIDDEN,
        /** No such thing, or not visible to this caller. */
        NOT_FOUND,
        /** The current state does not allow it: taken, already running, stale version. */
        CONFLICT,
        /** It existed and is gone for good. */
        GONE,
        /** The request is larger than the server accepts. */
        TOO_LARGE,
        /** The asked byte range lies outside the content. */
        RANGE_NOT_SATISFIABLE,
        /** Too many requests or attempts; retry later. */
        TOO_MANY_REQUESTS,
        /** A program or service the server relies on failed to do the work, e.g. a transcoder. */
        UPSTREAM_FAILED,
        /** Temporarily unable to serve; retry later. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final long retryAfterSeconds; // 0: no advice

    private ResonanceException(Kind kind, String code, String message, Optional<Duration> retryAfter) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfterSeconds = retryAfter.map(ResonanceException::wholeSeconds).orElse(0L);
    }

    public Kind kind() {
        return kind;
    }

    /** A stable snake_case code a client can switch on, e.g. {@code not_found}, {@code invalid_field}. */
    public String code() {
        return code;
    }

    /** How long to wait before trying again, in whole seconds (at least one), when the kind invites a retry. */
    public Optional<Duration> retryAfter() {
        return retryAfterSeconds > 0 ? Optional.of(Duration.ofSeconds(retryAfterSeconds)) : Optional.empty();
    }

    /**
     * Any kind, with the message exactly as given and {@code retryAfter} rounded up to whole seconds; the factories
     * named for the kinds are the usual way.
     */
    public static ResonanceException of(Kind kind, String code, String message, Optional<Duration> retryAfter) {
        return new ResonanceException(kind, code, message, retryAfter);
    }

    public static ResonanceException invalid(String code, String message) {
        return new ResonanceException(Kind.INVALID, code, message, Optional.empty());
    }

    public static ResonanceException unauthenticated(String code, String message) {
        return new ResonanceException(Kind.UNAUTHENTICATED, code, message, Optional.empty());
    }

    public static ResonanceException forbidden(String code, String message) {
        return new ResonanceException(Kind.FORBIDDEN, code, message, Optional.empty());
    }

    /** Not found, with the code {@code not_found}. */
    public static ResonanceException notFound(String message) {
        return notFound("not_found", message);
    }

    public static ResonanceException notFound(String code, String message) {
        return new ResonanceException(Kind.NOT_FOUND, code, message, Optional.empty());
    }

    public static ResonanceException conflict(String code, String message) {
        return new ResonanceException(Kind.CONFLICT, code, message, Optional.empty());
    }

    public static ResonanceException gone(String code, String message) {
        return new ResonanceException(Kind.GONE, code, message, Optional.empty());
    }

    public static ResonanceException tooLarge(String code, String message) {
        return new ResonanceException(Kind.TOO_LARGE, code, message, Optional.empty());
    }

    public static ResonanceException rangeNotSatisfiable(String code, String message) {
        return new ResonanceException(Kind.RANGE_NOT_SATISFIABLE, code, message, Optional.empty());
    }

    /** Too many requests; the message gets "Try again in N s." with {@code retryAfter} rounded up to whole seconds. */
    public static ResonanceException tooManyRequests(String code, String message, Duration retryAfter) {
        return new ResonanceException(Kind.TOO_MANY_REQUESTS, code, message + " Try again in " + wholeSeconds(retryAfter) + " s.",
                Optional.of(retryAfter));
    }

    public static ResonanceException upstreamFailed(String code, String message) {
        return new ResonanceException(Kind.UPSTREAM_FAILED, code, message, Optional.empty());
    }

    /** Unavailable with no advice on when to retry. */
    public static ResonanceException unavailable(String code, String message) {
        return new ResonanceException(Kind.UNAVAILABLE, code, message, Optional.empty());
    }

    /** Unavailable; retry after {@code retryAfter}, rounded up to whole seconds. The message is kept as given. */
    public static ResonanceException unavailable(String code, String message, Duration retryAfter) {
        return new ResonanceException(Kind.UNAVAILABLE, code, message, Optional.of(retryAfter));
    }

    /** At least one second, rounded up: a client told to wait 0 s retries at once. */
    private static long wholeSeconds(Duration wait) {
        return Math.max(1, (Math.max(0, wait.toMillis()) + 999) / 1000);
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + kind + " " + code + ": " + getMessage();
    }
}
