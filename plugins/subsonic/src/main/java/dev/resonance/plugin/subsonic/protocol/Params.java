package dev.resonance.plugin.subsonic.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request's parameters: from the query string and, for a form POST ({@code formPost}), from the body, as the
 * servlet container merged them. Typed getters answer error 10 for a required parameter that is absent and error 0
 * for a value of the wrong form; an empty value is present (an empty {@code query} lists everything).
 */
public final class Params {

    private final Map<String, List<String>> values;
    private final Optional<String> body;

    public Params(Map<String, List<String>> values) {
        this(values, Optional.empty());
    }

    /** With the request's JSON body ({@code getTranscodeDecision} takes the client's capabilities so). */
    public Params(Map<String, List<String>> values, Optional<String> body) {
        this.values = Map.copyOf(values);
        this.body = body;
    }

    /** The request's JSON body, when it had one. */
    public Optional<String> body() {
        return body;
    }

    /** From a servlet's {@code getParameterMap()}. */
    public static Params fromServlet(Map<String, String[]> parameters) {
        return fromServlet(parameters, Optional.empty());
    }

    public static Params fromServlet(Map<String, String[]> parameters, Optional<String> body) {
        return new Params(parameters.entrySet().stream()
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))), body);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The first value of the parameter. */
    public Optional<String> first(String name) {
        List<String> all = values.get(name);
        return all == null || all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every value of a repeated parameter ({@code id=1&id=2}), in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The first value; error 10 when absent. */
    public String required(String name) {
        return first(name).orElseThrow(() -> ApiError.missing(name));
    }

    /** A whole number; error 0 when it is not one. */
    public Optional<Integer> integer(String name) {
        Optional<String> text = first(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(text.get().strip()));
        } catch (NumberFormatException e) {
            throw ApiError.invalid(name, text.get(), "a whole number");
        }
    }

    /** A required whole number: error 10 when absent, 0 when not a number. */
    public int requiredInteger(String name) {
        return integer(name).orElseThrow(() -> ApiError.missing(name));
    }

    /** A position or length in milliseconds, 0 or more; error 0 when it is not a whole number or negative. */
    public Optional<Long> milliseconds(String name) {
        Optional<String> text = first(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(text.get().strip());
        } catch (NumberFormatException e) {
            throw ApiError.invalid(name, text.get(), "milliseconds");
        }
        if (value < 0) {
            throw ApiError.invalid(name, text.get(), "0 or more");
        }
        return Optional.of(value);
    }

    /** A required position in milliseconds: error 10 when absent, 0 when not a whole number or negative. */
    public long requiredMilliseconds(String name) {
        return milliseconds(name).orElseThrow(() -> ApiError.missing(name));
    }

    /** How many items to answer: {@code fallback} when absent, at most {@code max}; error 0 when negative. */
    public int count(String name, int fallback, int max) {
        int count = integer(name).orElse(fallback);
        if (count < 0) {
            throw ApiError.invalid(name, Integer.toString(count), "0 or more");
        }
        return Math.min(count, max);
    }

    /** How many items to skip: 0 when absent; error 0 when negative. */
    public int offset(String name) {
        int offset = integer(name).orElse(0);
        if (offset < 0) {
            throw ApiError.invalid(name, Integer.toString(offset), "0 or more");
        }
        return offset;
    }
}
