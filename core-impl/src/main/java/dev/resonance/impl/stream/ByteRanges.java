package dev.resonance.impl.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 7233 byte ranges of a representation of {@code length} bytes: parses a {@code Range} header into the
 * satisfiable ranges (suffix {@code -N} = the last N bytes, open {@code N-} = from N to the end), merges
 * overlapping and adjacent ones, and says when none is satisfiable (416).
 */
public final class ByteRanges {

    /** An inclusive byte range. */
    public record Range(long first, long last) {
        public long length() {
            return last - first + 1;
        }

        public String contentRange(long total) {
            return "bytes " + first + "-" + last + "/" + total;
        }
    }

    /** The outcome of evaluating a Range header. */
    public sealed interface Outcome permits Whole, Partial, Unsatisfiable {
    }

    /** No (usable) Range header: send the whole representation with 200. */
    public record Whole() implements Outcome {
    }

    /** 206 with one range, or multipart/byteranges with several. */
    public record Partial(List<Range> ranges) implements Outcome {
    }

    /** 416 with {@code Content-Range: bytes *}/length. */
    public record Unsatisfiable() implements Outcome {
    }

    private static final int MAX_RANGES = 16;

    private ByteRanges() {
    }

    /**
     * Evaluates {@code header} against a representation of {@code length} bytes. A header that is not a valid
     * {@code bytes=} range set is ignored (RFC 7233 §3.1: the server sends the whole representation).
     */
    public static Outcome evaluate(Optional<String> header, long length) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String value = header.get().strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String[] specs = value.substring(6).split(",", -1);
        if (specs.length > MAX_RANGES * 4) {
            return new Whole(); // a flood of tiny ranges is not worth honouring
        }
        List<Range> satisfiable = new ArrayList<>();
        for (String raw : specs) {
            String spec = raw.strip();
            if (spec.isEmpty()) {
                continue;
            }
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return new Whole();
            }
            String start = spec.substring(0, dash).strip();
            String end = spec.substring(dash + 1).strip();
            try {
                if (start.isEmpty()) {
                    if (end.isEmpty()) {
                        return new Whole();
                    }
                    long suffix = Long.parseLong(end);
                    if (suffix < 0) {
                        return new Whole();
                    }
                    if (suffix > 0 && length > 0) {
                        satisfiable.add(new Range(Math.max(0, length - suffix), length - 1));
                    }
                } else {
                    long first = Long.parseLong(start);
                    long last = end.isEmpty() ? Long.MAX_VALUE : Long.parseLong(end);
                    if (first < 0 || last < first) {
                        return new Whole(); // syntactically invalid: ignore the header
                    }
                    if (first < length) {
                        satisfiable.add(new Range(first, Math.min(last, length - 1)));
                    }
                }
            } catch (NumberFormatException e) {
                return new Whole();
            }
        }
        if (satisfiable.isEmpty()) {
            return new Unsatisfiable();
        }
        List<Range> merged = merge(satisfiable);
        if (merged.size() > MAX_RANGES) {
            return new Whole();
        }
        return new Partial(merged);
    }

    private static List<Range> merge(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compare(a.first(), b.first()));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            if (!merged.isEmpty() && r.first() <= merged.get(merged.size() - 1).last() + 1) {
                Range previous = merged.remove(merged.size() - 1);
                merged.add(new Range(previous.first(), Math.max(previous.last(), r.last())));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }
}
