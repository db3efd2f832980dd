package dev.resonance.impl.library.browse;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.input.InputRules;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Base64;

/**
 * An opaque keyset position: the sort value and id of the last item of a page. Timestamps travel as epoch microseconds,
 * the precision PostgreSQL keeps ({@link #micros}, {@link #timestamp}).
 */
public record Cursor(String value, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((id + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@link #encode} made; an API error ({@code invalid_cursor}) for anything else. */
    public static Cursor decode(String token) {
        try {
            return parse(token);
        } catch (IllegalArgumentException e) {
            throw ResonanceException.invalid("invalid_cursor", "The 'after' cursor is not one this server gave out");
        }
    }

    /** The cursor {@link #encode} made; {@link IllegalArgumentException} for anything else. */
    public static Cursor parse(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("NUL"); // PostgreSQL refuses it in text: a 500, not a page
            }
            return new Cursor(text.substring(colon + 1), InputRules.asciiLong(text.substring(0, colon)));
        } catch (StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }

    /** A timestamp as epoch microseconds. */
    public static long micros(Timestamp timestamp) {
        return Math.floorDiv(timestamp.getTime(), 1000) * 1_000_000 + timestamp.getNanos() / 1000;
    }

    /** The timestamp of {@code micros} epoch microseconds. */
    public static Timestamp timestamp(long micros) {
        Timestamp ts = new Timestamp(Math.floorDiv(micros, 1000));
        ts.setNanos((int) (Math.floorMod(micros, 1_000_000L) * 1000));
        return ts;
    }
}
