package dev.resonance.impl.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, after the format's specification
 * (prometheus.io/docs/instrumenting/exposition_formats): {@code # HELP} and {@code # TYPE} lines, metric and label
 * names, label values with their escapes, Go-style floats ({@code NaN}, {@code +Inf}, {@code -Inf}), optional
 * timestamps. Beyond the syntax it checks what a scraper relies on: one TYPE and one HELP per family, the TYPE before
 * the family's first sample, each family in one group, no series twice, and for histograms a {@code le} on every
 * bucket, buckets that never decrease, a {@code +Inf} bucket equal to {@code _count}, and {@code _sum}/{@code _count}
 * for every label set. Anything else is an {@link IllegalArgumentException} naming the line.
 */
final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
        String label(String label) {
            return labels.get(label);
        }
    }

    /** A metric family: its TYPE, HELP and samples, in order. */
    record Family(String name, String type, String help, List<Sample> samples) {
    }

    /** A parsed exposition. */
    record Exposition(Map<String, Family> families) {

        /** Every sample of every family. */
        List<Sample> samples() {
            return families.values().stream().flatMap(f -> f.samples().stream()).toList();
        }

        /** The names samples are written under ({@code x_bucket}, {@code x_sum}, ... for histograms). */
        Set<String> sampleNames() {
            Set<String> names = new java.util.TreeSet<>();
            samples().forEach(s -> names.add(s.name()));
            return names;
        }

        Family family(String name) {
            Family family = families.get(name);
            if (family == null) {
                throw new AssertionError("no metric family " + name + " in " + families.keySet());
            }
            return family;
        }

        /** The sum of the samples named {@code name} whose labels pass {@code filter} (0 when there are none). */
        double sum(String name, Predicate<Map<String, String>> filter) {
            return samples().stream().filter(s -> s.name().equals(name) && filter.test(s.labels())).mapToDouble(Sample::value).sum();
        }

        double sum(String name) {
            return sum(name, labels -> true);
        }

        /** The sum of the samples named {@code name} that carry every one of {@code labels} ("key", "value", ...). */
        double sum(String name, String... labels) {
            return sum(name, having(labels));
        }

        static Predicate<Map<String, String>> having(String... labels) {
            return present -> {
                for (int i = 0; i < labels.length; i += 2) {
                    if (!labels[i + 1].equals(present.get(labels[i]))) {
                        return false;
                    }
                }
                return true;
            };
        }
    }

    private PrometheusText() {
    }

    static Exposition parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Set<String> closed = new HashSet<>();      // families whose group has ended
        Set<String> series = new HashSet<>();
        String current = null;                      // the family of the group being read
        String[] lines = text.split("\n", -1);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1];
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("#")) {
                    String[] parts = line.split(" ", 4);
                    if (parts.length >= 3 && parts[0].equals("#") && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                        String name = parts[2];
                        requireName(name);
                        current = enter(name, current, closed);
                        if (parts[1].equals("TYPE")) {
                            String type = parts.length == 4 ? parts[3] : "";
                            if (!TYPES.contains(type)) {
                                throw new IllegalArgumentException("unknown type '" + type + "'");
                            }
                            if (types.putIfAbsent(name, type) != null) {
                                throw new IllegalArgumentException("a second TYPE for " + name);
                            }
                            if (families.containsKey(name) && !families.get(name).samples().isEmpty()) {
                                throw new IllegalArgumentException("TYPE of " + name + " after its samples");
                            }
                        } else {
                            if (helps.putIfAbsent(name, unescapeHelp(parts.length == 4 ? parts[3] : "")) != null) {
                                throw new IllegalArgumentException("a second HELP for " + name);
                            }
                        }
                        families.computeIfAbsent(name, n -> new Family(n, null, null, new ArrayList<>()));
                    }
                    continue; // any other comment
                }
                Sample sample = sample(line);
                String family = familyOf(sample.name(), types);
                current = enter(family, current, closed);
                String key = sample.name() + new TreeMap<>(sample.labels());
                if (!series.add(key)) {
                    throw new IllegalArgumentException("series written twice: " + key);
                }
                families.computeIfAbsent(family, n -> new Family(n, null, null, new ArrayList<>())).samples().add(sample);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + " (" + line + "): " + e.getMessage(), e);
            }
        }
        Map<String, Family> done = new LinkedHashMap<>();
        families.forEach((name, f) -> done.put(name, new Family(name, types.getOrDefault(name, "untyped"), helps.get(name),
                Collections.unmodifiableList(f.samples()))));
        done.values().forEach(PrometheusText::checkFamily);
        return new Exposition(Collections.unmodifiableMap(done));
    }

    /** Moves on to the group of {@code family}; a family whose group has ended may not come back. */
    private static String enter(String family, String current, Set<String> closed) {
        if (family.equals(current)) {
            return current;
        }
        if (closed.contains(family)) {
            throw new IllegalArgumentException("the lines of " + family + " are not one group");
        }
        if (current != null) {
            closed.add(current);
        }
        return family;
    }

    /** A histogram's or summary's samples belong to the family without the suffix. */
    private static String familyOf(String sampleName, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || "summary".equals(type) && !suffix.equals("_bucket")) {
                    return base;
                }
            }
        }
        return sampleName;
    }

    private static void checkFamily(Family family) {
        for (Sample s : family.samples()) {
            boolean own = s.name().equals(family.name());
            switch (family.type()) {
                case "histogram" -> {
                    if (own || !(s.name().endsWith("_bucket") || s.name().endsWith("_sum") || s.name().endsWith("_count"))) {
                        throw new IllegalArgumentException("histogram " + family.name() + " has a sample " + s.name());
                    }
                    if (s.name().endsWith("_bucket") && s.label("le") == null) {
                        throw new IllegalArgumentException("a bucket of " + family.name() + " without le");
                    }
                }
                case "summary" -> {
                    if (own && s.label("quantile") == null) {
                        throw new IllegalArgumentException("a quantile of " + family.name() + " without quantile");
                    }
                }
                case "counter" -> {
                    if (s.value() < 0 || Double.isNaN(s.value())) {
                        throw new IllegalArgumentException("counter " + s.name() + " is " + s.value());
                    }
                }
                default -> {
                }
            }
        }
        if (family.type().equals("histogram")) {
            checkHistogram(family);
        }
    }

    private static void checkHistogram(Family family) {
        // per label set (without le): buckets by le, sum, count
        Map<Map<String, String>, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Map<Map<String, String>, Double> sums = new LinkedHashMap<>();
        for (Sample s : family.samples()) {
            Map<String, String> labels = new TreeMap<>(s.labels());
            if (s.name().endsWith("_bucket")) {
                double le = parseFloat(labels.remove("le"));
                if (buckets.computeIfAbsent(labels, l -> new TreeMap<>()).put(le, s.value()) != null) {
                    throw new IllegalArgumentException("bucket le=" + le + " of " + family.name() + labels + " twice");
                }
            } else if (s.name().endsWith("_count")) {
                counts.put(labels, s.value());
            } else {
                sums.put(labels, s.value());
            }
        }
        for (Map.Entry<Map<String, String>, TreeMap<Double, Double>> e : buckets.entrySet()) {
            String where = family.name() + e.getKey();
            double previous = 0;
            for (Map.Entry<Double, Double> bucket : e.getValue().entrySet()) {
                if (bucket.getValue() < previous) {
                    throw new IllegalArgumentException("buckets of " + where + " decrease at le=" + bucket.getKey());
                }
                previous = bucket.getValue();
            }
            Double inf = e.getValue().get(Double.POSITIVE_INFINITY);
            if (inf == null) {
                throw new IllegalArgumentException(where + " has no +Inf bucket");
            }
            if (!Objects.equals(inf, counts.get(e.getKey()))) {
                throw new IllegalArgumentException(where + ": +Inf bucket " + inf + " is not _count " + counts.get(e.getKey()));
            }
            if (!sums.containsKey(e.getKey())) {
                throw new IllegalArgumentException(where + " has no _sum");
            }
        }
        if (!buckets.keySet().containsAll(counts.keySet())) {
            throw new IllegalArgumentException(family.name() + " has a _count without buckets");
        }
    }

    private static void requireName(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: '" + name + "'");
        }
    }

    /** {@code name[{labels}] value [timestamp]}. */
    static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        requireName(name);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("no value");
        }
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length > 2 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        double value = parseFloat(rest[0]);
        if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) {
            throw new IllegalArgumentException("not a timestamp: " + rest[1]);
        }
        return new Sample(name, Collections.unmodifiableMap(labels), value);
    }

    /** Reads labels from just after '{' and returns the index after '}'. */
    private static int labels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (true) {
            if (i >= line.length()) {
                throw new IllegalArgumentException("unterminated labels");
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int nameStart = i;
            while (i < line.length() && line.charAt(i) != '=') {
                i++;
            }
            String name = line.substring(nameStart, Math.min(i, line.length()));
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                throw new IllegalArgumentException("not a label name: '" + name + "'");
            }
            if (i + 1 >= line.length() || line.charAt(i + 1) != '"') {
                throw new IllegalArgumentException("label " + name + " has no quoted value");
            }
            i += 2;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (i >= line.length()) {
                    throw new IllegalArgumentException("unterminated value of label " + name);
                }
                char c = line.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
                    switch (next) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException("bad escape in label " + name);
                    }
                    i += 2;
                } else {
                    value.append(c);
                    i++;
                }
            }
            if (labels.put(name, value.toString()) != null) {
                throw new IllegalArgumentException("label " + name + " twice");
            }
            i++; // the closing quote
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            } else if (i >= line.length() || line.charAt(i) != '}') {
                throw new IllegalArgumentException("expected ',' or '}' after label " + name);
            }
        }
    }

    /** Go's ParseFloat as Prometheus accepts it: decimal or exponent notation, NaN, +Inf, -Inf (and Inf). */
    static double parseFloat(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no value");
        }
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!text.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                    throw new IllegalArgumentException("not a float: '" + text + "'");
                }
                return Double.parseDouble(text);
        }
    }

    private static String unescapeHelp(String help) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c == '\\' && i + 1 < help.length() && (help.charAt(i + 1) == '\\' || help.charAt(i + 1) == 'n')) {
                out.append(help.charAt(i + 1) == 'n' ? '\n' : '\\');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
