package dev.resonance.impl.library.browse;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.input.InputRules;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An opaque keyset position: the sort value and id of the last item of a page. */
public record Cursor(String value, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((id + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("NUL"); // PostgreSQL refuses it in text: a 500, not a page
            }
            return new Cursor(text.substring(colon + 1), InputRules.asciiLong(text.substring(0, colon)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw ResonanceException.invalid("invalid_cursor", "The 'after' cursor is not one this server gave out");
        }
    }
}
