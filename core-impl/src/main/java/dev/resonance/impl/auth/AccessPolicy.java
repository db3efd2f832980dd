package dev.resonance.impl.auth;

import java.util.List;
import java.util.Map;

/** The HTTP layer's security settings: per-client budgets and the browser origins allowed to call the API. */
public record AccessPolicy(Map<RateLimiter.Kind, Integer> perMinute, List<String> corsOrigins) {

    public AccessPolicy {
        perMinute = Map.copyOf(perMinute);
        corsOrigins = List.copyOf(corsOrigins);
    }
}
