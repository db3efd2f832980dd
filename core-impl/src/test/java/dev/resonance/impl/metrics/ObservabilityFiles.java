package dev.resonance.impl.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL of the committed Grafana dashboard and Prometheus alert rules ({@code observability/}), and the metric
 * names it uses, so a test can hold them against what {@code /metrics} exposes.
 */
final class ObservabilityFiles {

    /** The repository's observability folder, from the module's directory (where Maven runs the tests). */
    static final Path ROOT = Path.of("..", "observability");

    /** Series Prometheus makes itself for every target. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and",
            "or", "unless", "offset", "inf", "nan", "atan2");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern DURATION = Pattern.compile("(?<![\\w:])([0-9]+(ms|s|m|h|d|w|y))+(?![\\w:])");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w:])[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private ObservabilityFiles() {
    }

    /** Every PromQL expression of the dashboard: panel targets and query variables. */
    static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("grafana/dashboards/resonance.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                expressions.add(variable.path("query").path("query").asText().replaceAll("^label_values\\((.*),\\s*\\w+\\)$", "$1"));
            }
        }
        return expressions;
    }

    /** The {@code expr} of every alert rule: one-line values and block scalars ({@code expr: |}). */
    static List<String> alertExpressions() throws IOException {
        return expressions(Files.readAllLines(ROOT.resolve("prometheus/alerts.yml")));
    }

    static List<String> expressions(List<String> yaml) {
        List<String> found = new ArrayList<>();
        Pattern key = Pattern.compile("^(\\s*)(?:- )?expr:\\s*(.*)$");
        for (int i = 0; i < yaml.size(); i++) {
            Matcher m = key.matcher(yaml.get(i));
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).strip();
            if (value.matches("[|>][-+]?")) {
                int indent = m.group(1).length();
                StringBuilder block = new StringBuilder();
                while (i + 1 < yaml.size() && (yaml.get(i + 1).isBlank() || indentOf(yaml.get(i + 1)) > indent)) {
                    block.append(yaml.get(++i).strip()).append(' ');
                }
                found.add(block.toString().strip());
            } else if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                found.add(value.substring(1, value.length() - 1));
            } else {
                found.add(value);
            }
        }
        return found;
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** The metric names in a PromQL expression: not functions, aggregations, keywords, label names, numbers or durations. */
    static Set<String> metricNames(String promql) {
        String rest = STRING.matcher(promql).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        rest = VARIABLE.matcher(rest).replaceAll(" ");
        rest = DURATION.matcher(rest).replaceAll(" "); // offset 1h30m
        rest = NUMBER.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String word = identifier.group();
            int after = identifier.end();
            while (after < rest.length() && rest.charAt(after) == ' ') {
                after++;
            }
            boolean call = after < rest.length() && rest.charAt(after) == '(';
            if (!call && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }
}
