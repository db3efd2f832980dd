package dev.resonance.impl.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * What the site measures of each request: {@code http_server_requests_seconds} by method, route template and status,
 * and {@code resonance_rate_limit_refusals_total} by budget for the requests a rate limit refused (marked with
 * {@link #RATE_LIMITED} by whoever refused them: the API's access control, the stream servlet). Every label has a
 * bounded set of values: unknown methods are {@code OTHER}, routes are templates ({@link RouteTemplateFilter}).
 */
public final class RequestMetrics {

    /** The request attribute naming the {@link RateLimiter.Kind} whose budget refused the request. */
    public static final String RATE_LIMITED = RequestMetrics.class.getName() + ".rateLimited";

    /**
     * The histogram's buckets: the Prometheus clients' defaults (5 ms to 10 s) with 1 and 2.5 ms below them. Micrometer's
     * own percentile histogram would write 58 buckets per series between 2 ms and 10 s; these 13 give p50/p95/p99 to
     * within a bucket at a fifth of the scrape and heap.
     */
    static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RateLimiter.Kind kind : RateLimiter.Kind.values()) {
            refused(registry, kind); // at 0 from the start: a rate() over them needs no first refusal
        }
    }

    /** Records a request that took {@code nanos}; {@code fallbackRoute} when no route template was set. */
    void record(HttpServletRequest request, HttpServletResponse response, String fallbackRoute, long nanos, boolean failed) {
        Object template = request.getAttribute(RouteTemplateFilter.ATTRIBUTE);
        String route = template instanceof String s ? s : fallbackRoute;
        int status = failed && !response.isCommitted() ? 500 : response.getStatus();
        Timer.builder("http.server.requests")
                .description("HTTP requests by method, route template and status")
                .tags("method", method(request.getMethod()), "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (request.getAttribute(RATE_LIMITED) instanceof RateLimiter.Kind kind) {
            refused(registry, kind).increment();
        }
    }

    /** {@code resonance_rate_limit_refusals_total{kind}}: requests a rate limit refused (429), by budget. */
    static Counter refused(MeterRegistry registry, RateLimiter.Kind kind) {
        return Counter.builder("resonance.rate.limit.refusals")
                .description("Requests refused by a rate limit (429), by budget")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    static String method(String method) {
        return method != null && METHODS.contains(method) ? method : "OTHER";
    }
}
