package dev.resonance.impl.sync;

import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.events.EventLog;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Serializes sync WebSocket messages: a JSON object whose first field is {@code type}. */
public final class Frames {

    private Frames() {
    }

    /** {@code {"type": type, ...fields}} as text. */
    public static String frame(String type, Map<String, ?> fields) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.putAll(fields);
        try {
            return EventLog.JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sync message is not serializable", e);
        }
    }

    /** {@code {"type":"error","code":…,"message":…}}. */
    public static String error(String code, String message) {
        return frame("error", Map.of("code", code, "message", message));
    }

    /** The push of a committed event: {@code {"type":"event","event":{seq,type,payload,deviceId,at}}}. */
    public static String event(UserEvent event) {
        return frame("event", Map.of("event", event));
    }
}
