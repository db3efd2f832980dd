package dev.resonance.api.db;

/** A database operation failed; the message is safe to log (no credentials, no bound values). */
public class DatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
