package dev.resonance.impl.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The exposition-format reader the metrics tests rely on: it takes the format and refuses what a scraper would. */
class PrometheusTextTest {

    private static final String GOOD = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000
            # A comment
            # TYPE msdos_file_access_time_seconds gauge
            msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
            # TYPE metric_without_timestamp_and_labels gauge
            metric_without_timestamp_and_labels 12.47
            # TYPE something_weird gauge
            something_weird{problem="division by zero"} +Inf -3982045
            # HELP http_request_duration_seconds A histogram of the request duration.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="0.1"} 33444
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.5"} 4773
            rpc_duration_seconds{quantile="0.99"} NaN
            rpc_duration_seconds_sum 1.7560473e+07
            rpc_duration_seconds_count 2693
            """;

    @Test
    void theSpecificationsExampleParses() {
        // (the spec's example has two spaces before "3"; one is the separator we accept)
        PrometheusText.Exposition exposition = PrometheusText.parse(GOOD.replace("}    3", "} 3"));

        assertThat(exposition.families()).containsKeys("http_requests_total", "http_request_duration_seconds", "rpc_duration_seconds");
        assertThat(exposition.sum("http_requests_total")).isEqualTo(1030);
        assertThat(exposition.family("msdos_file_access_time_seconds").samples().get(0).label("path")).isEqualTo("C:\\DIR\\FILE.TXT");
        assertThat(exposition.family("msdos_file_access_time_seconds").samples().get(0).label("error"))
                .isEqualTo("Cannot find file:\n\"FILE.TXT\"");
        assertThat(exposition.sum("something_weird")).isInfinite();
        assertThat(exposition.family("http_request_duration_seconds").type()).isEqualTo("histogram");
        assertThat(exposition.family("rpc_duration_seconds").samples()).hasSize(4);
    }

    @Test
    void malformedExpositionsAreRefused() {
        String counter = "# TYPE a_total counter\n";
        assertRefused("1abc 1\n", "not a metric name");
        assertRefused("a{1b=\"x\"} 1\n", "not a label name");
        assertRefused("a{__name=\"x\"} 1\n", "not a label name");
        assertRefused("a{b=x} 1\n", "no quoted value");
        assertRefused("a{b=\"x\\t\"} 1\n", "bad escape");
        assertRefused("a{b=\"x\" 1\n", "expected ','");
        assertRefused("a{b=\"x\",b=\"y\"} 1\n", "twice");
        assertRefused("a one\n", "not a float");
        assertRefused("a 1 2 3\n", "expected a value");
        assertRefused("a 1 1.5\n", "not a timestamp");
        assertRefused("a 1", "line feed");
        assertRefused("a 1\na 2\n", "series written twice");
        assertRefused("a 1\n# TYPE a gauge\n", "after its samples");
        assertRefused("# TYPE a gauge\n# TYPE a gauge\na 1\n", "second TYPE");
        assertRefused("# TYPE a meter\na 1\n", "unknown type");
        assertRefused("a{x=\"1\"} 1\nb 1\na{x=\"2\"} 1\n", "not one group");
        assertRefused(counter + "a_total -1\n", "counter");
        String histogram = "# TYPE h histogram\n";
        assertRefused(histogram + "h_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "decrease");
        assertRefused(histogram + "h_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "no +Inf bucket");
        assertRefused(histogram + "h_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n", "is not _count");
        assertRefused(histogram + "h_bucket{le=\"+Inf\"} 1\nh_count 1\n", "no _sum");
        assertRefused(histogram + "h_bucket{x=\"1\"} 1\n", "without le");
        assertRefused(histogram + "h 1\n", "has a sample h");
        assertRefused("# TYPE s summary\ns 1\n", "without quantile");
    }

    private static void assertRefused(String exposition, String why) {
        assertThatThrownBy(() -> PrometheusText.parse(exposition)).as(exposition)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }

    @Test
    void theServersRegistryWritesAValidExpositionWithTheJvmAndProcessMeters() {
        try (ServerMetrics metrics = new ServerMetrics()) {
            Timer.builder("resonance.test.latency").publishPercentileHistogram().tag("route", "/a \"quoted\\\" one")
                    .register(metrics.registry()).record(Duration.ofMillis(12));

            PrometheusText.Exposition exposition = PrometheusText.parse(metrics.scrape());

            assertThat(exposition.families()).containsKeys("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
                    "jvm_classes_loaded_classes", "process_cpu_usage", "process_uptime_seconds", "process_files_open_files",
                    "resonance_test_latency_seconds");
            assertThat(exposition.family("resonance_test_latency_seconds").type()).isEqualTo("histogram");
            assertThat(exposition.sum("resonance_test_latency_seconds_count", "route", "/a \"quoted\\\" one")).isEqualTo(1);
        }
    }
}
