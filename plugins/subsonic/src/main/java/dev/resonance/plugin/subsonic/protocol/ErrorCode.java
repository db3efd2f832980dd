package dev.resonance.plugin.subsonic.protocol;

/** The Subsonic error codes (OpenSubsonic API reference, "Error handling"), each with its standard message. */
public enum ErrorCode {
    GENERIC(0, "A generic error."),
    MISSING_PARAMETER(10, "Required parameter is missing."),
    CLIENT_TOO_OLD(20, "Incompatible Subsonic REST protocol version. Client must upgrade."),
    SERVER_TOO_OLD(30, "Incompatible Subsonic REST protocol version. Server must upgrade."),
    WRONG_CREDENTIALS(40, "Wrong username or password."),
    TOKEN_AUTHENTICATION_NOT_SUPPORTED(41, "Token authentication not supported for LDAP users."),
    MECHANISM_NOT_SUPPORTED(42, "Provided authentication mechanism not supported."),
    CONFLICTING_MECHANISMS(43, "Multiple conflicting authentication mechanisms provided."),
    INVALID_API_KEY(44, "Invalid API key."),
    NOT_AUTHORIZED(50, "User is not authorized for the given operation."),
    TRIAL_OVER(60, "The trial period for the Subsonic server is over."),
    NOT_FOUND(70, "The requested data was not found.");

    private final int code;
    private final String standardMessage;

    ErrorCode(int code, String standardMessage) {
        this.code = code;
        this.standardMessage = standardMessage;
    }

    public int code() {
        return code;
    }

    public String standardMessage() {
        return standardMessage;
    }
}
