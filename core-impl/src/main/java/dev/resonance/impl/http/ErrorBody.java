package dev.resonance.impl.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error shape of the whole API: {@code {"error":{"code":"…","message":"…"}}} (code first, then message, then
 * any extra fields, always in that order); plain servlets write it with {@link ServletErrors}.
 */
public record ErrorBody(Map<String, String> error) {

    public ErrorBody {
        error = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(error));
    }

    public static ErrorBody of(String code, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("message", message);
        return new ErrorBody(fields);
    }
}
