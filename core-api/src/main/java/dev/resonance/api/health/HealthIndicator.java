package dev.resonance.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One part of Resonance that can be up or down (the database, the music library folder, a plugin's
 * remote service). Register an implementation as an OSGi service and {@code /health} includes it.
 *
 * <p>{@link #check()} is called on every health request: it must be cheap (report a state the component
 * already tracks rather than doing I/O) and must not throw.
 */
@ConsumerType
public interface HealthIndicator {

    /** Short, stable key shown in the health JSON, e.g. {@code "db"} or {@code "library"}. */
    String name();

    /** Whether a DOWN state of this part makes the whole server not ready (503). */
    default boolean critical() {
        return true;
    }

    HealthCheck check();
}
