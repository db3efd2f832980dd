package dev.resonance.api.health;

import java.util.Objects;
import java.util.Optional;

/**
 * The state of one part at one moment.
 *
 * @param status  up or down
 * @param detail  for DOWN: what is wrong and which setting to look at; for UP: optional context
 *                (e.g. "embedded PostgreSQL 17.11, schema v1"). Never contains secrets.
 */
public record HealthCheck(Status status, Optional<String> detail) {

    public enum Status { UP, DOWN }

    public HealthCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static HealthCheck up() {
        return new HealthCheck(Status.UP, Optional.empty());
    }

    public static HealthCheck up(String detail) {
        return new HealthCheck(Status.UP, Optional.of(detail));
    }

    public static HealthCheck down(String reason) {
        return new HealthCheck(Status.DOWN, Optional.of(reason));
    }

    public boolean isUp() {
        return status == Status.UP;
    }
}
