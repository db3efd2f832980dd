package dev.resonance.impl.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the dashboard drift check reads: metric names out of PromQL, expressions out of the rules' YAML. */
class ObservabilityFilesTest {

    @Test
    void metricNamesAreFoundAmongFunctionsLabelsAndNumbers() {
        assertThat(ObservabilityFiles.metricNames("histogram_quantile(0.95, sum by (le, route) (rate(http_server_requests_seconds_bucket"
                + "{job=\"resonance\", route!~\"/stream/.*|/api/v1/ws\", instance=~\"$instance\"}[$__rate_interval]))) > 1e3"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(ObservabilityFiles.metricNames("sum(rate(a_total{x='}'}[5m] offset 1h)) / on (instance) group_left b_count * 60"))
                .containsExactly("a_total", "b_count");
        assertThat(ObservabilityFiles.metricNames("max by (instance) (jvm_gc_live_data_size_bytes / jvm_gc_max_data_size_bytes) > 0.9"))
                .containsExactly("jvm_gc_live_data_size_bytes", "jvm_gc_max_data_size_bytes");
        assertThat(ObservabilityFiles.metricNames("up{job=\"resonance\"} == 0")).containsExactly("up");
    }

    @Test
    void alertExpressionsAreReadFromOneLineValuesAndBlocks() {
        List<String> yaml = List.of(
                "groups:",
                "  - name: g",
                "    rules:",
                "      - alert: A",
                "        expr: up == 0",
                "        for: 2m",
                "      - alert: B",
                "        expr: |",
                "          sum(rate(x_total[5m]))",
                "            / sum(rate(y_total[5m])) > 0.05",
                "        for: 10m",
                "      - alert: C",
                "        expr: \"z > 1\"");

        assertThat(ObservabilityFiles.expressions(yaml))
                .containsExactly("up == 0", "sum(rate(x_total[5m])) / sum(rate(y_total[5m])) > 0.05", "z > 1");
    }
}
