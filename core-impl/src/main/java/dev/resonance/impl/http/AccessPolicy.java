package dev.resonance.impl.http;

import dev.resonance.impl.http.ClientAddresses;
import java.util.List;
import java.util.Map;

/**
 * The HTTP layer's security settings: per-client budgets, the browser origins allowed to call the API, and the
 * reverse proxies whose {@code X-Forwarded-For} names the client.
 */
public record AccessPolicy(Map<RateLimiter.Kind, Integer> perMinute, List<String> corsOrigins, ClientAddresses clients) {

    public AccessPolicy {
        perMinute = Map.copyOf(perMinute);
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** Without trusted proxies. */
    public AccessPolicy(Map<RateLimiter.Kind, Integer> perMinute, List<String> corsOrigins) {
        this(perMinute, corsOrigins, ClientAddresses.DIRECT);
    }
}
