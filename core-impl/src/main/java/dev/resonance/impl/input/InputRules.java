package dev.resonance.impl.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * What text and dates a client may send, wherever JSON enters (REST bodies, sync socket frames, later GraphQL): no
 * control characters (newlines and tabs only in fields that are declared multi-line), at most
 * {@link #DEFAULT_MAX_CHARS} characters unless the field's rule says otherwise ({@link #FIELDS}, by field name), no
 * lone surrogates, and dates PostgreSQL and the domain can hold. A NUL or an over-long value would otherwise reach
 * PostgreSQL and fail there as a 500 ({@code invalid byte sequence}, {@code index row requires … bytes},
 * {@code timestamp out of range}).
 *
 * <p>Also the one place that makes client text safe to put in a log line or an error message ({@link #printable}).
 */
public final class InputRules {

    /** The cap of any string whose field has no rule of its own. */
    public static final int DEFAULT_MAX_CHARS = 1000;

    /** The cap of a JSON object's field name (keys of settings, capabilities…). */
    public static final int MAX_NAME_CHARS = 100;

    /** The earliest and latest instants a client may send (timestamptz holds far more; the domain needs no more). */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** One field's rule. */
    public record Rule(int maxChars, boolean multiline) {
        static Rule line(int maxChars) {
            return new Rule(maxChars, false);
        }
    }

    /**
     * Fields with a rule of their own, by the name clients use for them (the same name means the same thing in every
     * request). Usernames are 2–64 characters by the account rules; passwords are capped so Argon2 hashes a bounded
     * input; device ids are the clients' own keys.
     */
    static final Map<String, Rule> FIELDS = Map.ofEntries(
            Map.entry("username", Rule.line(64)),
            Map.entry("password", Rule.line(1024)),
            Map.entry("currentPassword", Rule.line(1024)),
            Map.entry("newPassword", Rule.line(1024)),
            Map.entry("deviceId", Rule.line(128)),
            Map.entry("deviceName", Rule.line(100)),
            Map.entry("deviceType", Rule.line(32)),
            Map.entry("deviceOs", Rule.line(100)),
            Map.entry("displayName", Rule.line(100)),
            Map.entry("role", Rule.line(32)),
            Map.entry("refreshToken", Rule.line(256)),
            Map.entry("token", Rule.line(4096)),
            Map.entry("description", new Rule(2000, true)),
            Map.entry("type", Rule.line(64)));

    private InputRules() {
    }

    /** The rule of {@code field} (its last path segment decides: {@code capabilities.x} is ruled as {@code x}). */
    public static Rule rule(String field) {
        return FIELDS.getOrDefault(field, Rule.line(DEFAULT_MAX_CHARS));
    }

    /** {@code value} if it keeps the rule of {@code field}; else {@link InvalidInput} naming the field. */
    public static String text(String field, String value) {
        return text(field, value, rule(field));
    }

    /** {@code value} if it keeps {@code rule}; else {@link InvalidInput} naming {@code field}. */
    public static String text(String field, String value, Rule rule) {
        if (value.length() > rule.maxChars()) {
            throw new InvalidInput(field, "must have at most " + rule.maxChars() + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(rule.multiline() && (c == '\n' || c == '\r' || c == '\t'))) {
                throw new InvalidInput(field, "must not contain control characters"
                        + (rule.multiline() ? " other than line breaks and tabs" : ""));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInput(field, "is not valid Unicode text (a lone surrogate)");
            }
        }
        return value;
    }

    /** {@code value} if it lies between {@link #EARLIEST} and {@link #LATEST}; else {@link InvalidInput}. */
    public static Instant instant(String field, Instant value) {
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw new InvalidInput(field, "must be a time from 1970 to 9999");
        }
        return value;
    }

    /**
     * Checks every string and field name of a JSON value as it came from a client: a string is ruled by the field that
     * holds it (array elements by the array's field), field names by {@link #MAX_NAME_CHARS}. Returns {@code json}.
     */
    public static JsonNode check(JsonNode json) {
        check(json, "", "");
        return json;
    }

    private static void check(JsonNode node, String path, String field) {
        if (node.isTextual()) {
            text(path.isEmpty() ? "value" : path, node.textValue(), rule(field));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]", field);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                String where = path.isEmpty() ? name : path + "." + name;
                text(path.isEmpty() ? "field name" : path + " field name", name, Rule.line(MAX_NAME_CHARS));
                check(entry.getValue(), where, name);
            }
        }
    }

    /**
     * Client text as it may appear in a log line or an error message: control characters replaced by {@code ?}, cut
     * after {@code max} characters (marked with {@code …}).
     */
    public static String printable(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > max ? out.append('…').toString() : out.toString();
    }

    /**
     * A whole number written in ASCII digits only (optionally signed): {@link Long#parseLong} also reads Arabic-Indic,
     * Devanagari and other Unicode digits, so {@code /tracks/١} would name track 1. {@link NumberFormatException}
     * otherwise.
     */
    public static long asciiLong(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        if (start == text.length() || text.length() - start > 19) {
            throw new NumberFormatException("not a whole number: " + printable(text, 40));
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a whole number: " + printable(text, 40));
            }
        }
        return Long.parseLong(text);
    }
}
