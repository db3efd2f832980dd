package dev.resonance.impl.sync.bus;

import java.util.Objects;

/**
 * One message on the {@link SyncBus}.
 *
 * @param userId       whose devices should see it
 * @param originNode   the node that published it (lets a node skip its own messages coming back from Redis)
 * @param sourceDevice the device that caused it, or {@code null}; sockets of that device do not get it (no echo)
 * @param targetDevice the only device that should get it (remote commands), or {@code null} for all devices
 * @param json         the WebSocket frame to send, already serialized
 */
public record BusMessage(long userId, String originNode, Long sourceDevice, Long targetDevice, String json) {

    public BusMessage {
        Objects.requireNonNull(originNode, "originNode");
        Objects.requireNonNull(json, "json");
    }

    /** Whether a socket of {@code deviceId} should receive this message. */
    public boolean deliverableTo(long deviceId) {
        if (sourceDevice != null && sourceDevice == deviceId) {
            return false;
        }
        return targetDevice == null || targetDevice == deviceId;
    }
}
