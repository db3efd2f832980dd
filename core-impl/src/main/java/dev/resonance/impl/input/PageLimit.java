package dev.resonance.impl.input;

/**
 * How many items one page of a list holds: {@value #MIN}–{@value #MAX} on every list of the API. A value out of range
 * is the client's mistake and is refused ({@link InvalidInput}), never clamped: a client asking for 100,000 learns
 * that it gets at most 500 instead of silently receiving fewer than it thinks it asked for.
 */
public record PageLimit(int value) {

    public static final int MIN = 1;
    public static final int MAX = 500;

    public PageLimit {
        if (value < MIN || value > MAX) {
            throw new InvalidInput("limit", "must be a whole number from " + MIN + " to " + MAX);
        }
    }

    public static PageLimit of(int value) {
        return new PageLimit(value);
    }

    /** {@code text} in ASCII digits, in range; {@link InvalidInput} otherwise. */
    public static PageLimit parse(String text) {
        long value;
        try {
            value = InputRules.asciiLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInput("limit", "must be a whole number from " + MIN + " to " + MAX);
        }
        return new PageLimit((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value)));
    }
}
