package dev.resonance.impl.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a user's event log: {@code seq} is gapless per user, {@code type} names the change
 * ({@code like.added}, {@code settings.changed}, ...), {@code payload} describes it.
 *
 * @param deviceId the device that caused the change, if a device did (not an administrator or the server)
 */
public record UserEvent(long seq, String type, JsonNode payload, Optional<Long> deviceId, Instant at) {

    public UserEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(at, "at");
    }

    /** The device to leave out when pushing the event (no echo), or {@code null}. */
    @JsonIgnore
    public Long sourceDevice() {
        return deviceId.orElse(null);
    }
}
