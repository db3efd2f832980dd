package dev.resonance.plugin.subsonic.protocol;

import dev.resonance.api.client.ClientAccess;
import dev.resonance.api.client.ClientSession;
import dev.resonance.api.client.Credentials;
import dev.resonance.api.error.ResonanceException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Who a request comes from: the Subsonic credentials in its parameters, checked by the core's {@link ClientAccess}
 * against the user's app passwords.
 *
 * <ul>
 *   <li>{@code apiKey} alone (the {@code apiKeyAuthentication} extension); with any of {@code u}, {@code p},
 *   {@code t}, {@code s} as well: error 43.</li>
 *   <li>{@code u} with {@code p} (the app password, plain or {@code enc:} + hex of its UTF-8 bytes), or with {@code t}
 *   = md5(app password + {@code s}) and {@code s}; {@code p} together with {@code t}/{@code s}: error 43.</li>
 *   <li>A missing part is error 10; an {@code enc:} value that is not hex of UTF-8 text is a wrong password (40), as
 *   is any credential that matches no live app password, and a username locked after failed attempts (40, saying how
 *   long to wait). An API key that matches none is 44.</li>
 * </ul>
 *
 * Error 41 is never answered: app passwords are stored so that tokens can be checked. Error 42 neither: each
 * mechanism the API defines is supported.
 */
public final class Authentication {

    private static final String ENCODED = "enc:";

    private Authentication() {
    }

    /** The credentials a request carries; an {@link ApiError} when they are missing, incomplete or conflicting. */
    public static Credentials credentials(Params params) {
        boolean user = params.has("u");
        boolean password = params.has("p");
        boolean token = params.has("t") || params.has("s");
        if (params.has("apiKey")) {
            if (user || password || token) {
                throw new ApiError(ErrorCode.CONFLICTING_MECHANISMS, "Multiple conflicting authentication mechanisms "
                    + "provided: send apiKey without u, p, t or s.");
            }
            return new Credentials.ApiKey(params.required("apiKey"));
        }
        if (password && token) {
            throw new ApiError(ErrorCode.CONFLICTING_MECHANISMS, "Multiple conflicting authentication mechanisms "
                + "provided: send either p, or t and s.");
        }
        String username = params.required("u");
        if (password) {
            return new Credentials.Password(username, decode(params.required("p")));
        }
        if (token) {
            return new Credentials.Token(username, params.required("t"), params.required("s"));
        }
        throw ApiError.missing("p (or t and s, or apiKey)");
    }

    /**
     * Signs the request's user in.
     *
     * @throws ApiError 40/44 for credentials that match no app password or a lock-out, 0 while the server cannot check
     *     them
     */
    public static ClientSession signIn(ClientAccess access, Params params, String clientAddress) {
        Credentials credentials = credentials(params);
        boolean apiKey = credentials instanceof Credentials.ApiKey;
        try {
            return access.signIn(credentials, clientAddress);
        } catch (ResonanceException e) {
            ErrorCode wrong = apiKey ? ErrorCode.INVALID_API_KEY : ErrorCode.WRONG_CREDENTIALS;
            switch (e.kind()) {
                case UNAUTHENTICATED:
                    throw new ApiError(wrong, apiKey ? "Invalid API key: use an app password of yours from Settings → "
                        + "App passwords." : "Wrong username or password: use an app password from Settings → App "
                        + "passwords, not your account password.");
                case TOO_MANY_REQUESTS:
                    throw new ApiError(wrong, "Signing in is locked after too many failed attempts: wait before trying "
                        + "again. " + e.getMessage());
                default:
                    throw Failures.toApiError(e);
            }
        }
    }

    /** {@code enc:} + hex of the UTF-8 bytes, or the password as it is; a wrong password when the hex is broken. */
    static String decode(String password) {
        if (!password.startsWith(ENCODED)) {
            return password;
        }
        try {
            byte[] bytes = HexFormat.of().parseHex(password.substring(ENCODED.length()));
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new ApiError(ErrorCode.WRONG_CREDENTIALS, "Wrong username or password: the enc: password is not "
                + "hexadecimal UTF-8.");
        }
    }

    /** The parameters that carry credentials (kept out of logs). */
    public static final List<String> SECRET_PARAMETERS = List.of("p", "t", "s", "apiKey");
}
