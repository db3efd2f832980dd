package dev.resonance.impl.health;

import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregate of every {@link HealthIndicator}: UP when all are up, DOWN (503) when a critical one is
 * down, DEGRADED (still 200) when only non-critical parts are down. The JSON names each part at the top level
 * ({@code "db":"UP"}) for a quick look, and carries the reasons under {@code checks}.
 */
public record HealthReport(String status, Map<String, HealthCheck> checks) {

    public static final String UP = "UP";
    public static final String DEGRADED = "DEGRADED";
    public static final String DOWN = "DOWN";

    public static HealthReport of(Collection<HealthIndicator> indicators) {
        Map<String, HealthCheck> checks = new TreeMap<>();
        boolean criticalDown = false;
        boolean anyDown = false;
        for (HealthIndicator indicator : indicators) {
            HealthCheck check = safeCheck(indicator);
            checks.put(indicator.name(), check);
            if (!check.isUp()) {
                anyDown = true;
                criticalDown |= indicator.critical();
            }
        }
        String status = criticalDown ? DOWN : anyDown ? DEGRADED : UP;
        return new HealthReport(status, checks);
    }

    private static HealthCheck safeCheck(HealthIndicator indicator) {
        try {
            HealthCheck check = indicator.check();
            return check != null ? check : HealthCheck.down("health check returned nothing");
        } catch (RuntimeException e) {
            return HealthCheck.down("health check failed: " + e.getClass().getSimpleName());
        }
    }

    public boolean ready() {
        return !DOWN.equals(status);
    }

    /** The JSON body with every detail: {@code {"status":"UP","db":"UP","library":"UP","checks":{"db":{"status":"UP","detail":"…"}}}}. */
    public Map<String, Object> toJson() {
        return toJson(true);
    }

    /**
     * The JSON body; without {@code details} only the states ({@code "checks":{"db":{"status":"UP"}}}): the details
     * name the database host, port and version, the schema version and the music folder, which only an operator needs.
     */
    public Map<String, Object> toJson(boolean withDetails) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        checks.forEach((name, check) -> json.put(name, check.status().name()));
        Map<String, Object> details = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("status", check.status().name());
            if (withDetails) {
                check.detail().ifPresent(d -> one.put("detail", d));
            }
            details.put(name, one);
        });
        json.put("checks", details);
        return json;
    }
}
