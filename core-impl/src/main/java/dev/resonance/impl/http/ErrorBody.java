package dev.resonance.impl.http;

import java.util.Map;

/** The one error shape of the whole API: {@code {"error":{"code":"…","message":"…"}}}; plain servlets write it with {@link ServletErrors}. */
public record ErrorBody(Map<String, String> error) {

    public static ErrorBody of(String code, String message) {
        return new ErrorBody(Map.of("code", code, "message", message));
    }
}
