package dev.resonance.api.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something a user did to their library choices, as their sync log recorded it: the same event devices get
 * ({@code docs/sync-protocol.md} describes each type and its payload).
 *
 * @param userId whose data changed
 * @param seq the event's sequence number in the user's sync log (gapless per user)
 * @param type one of the {@link #PREFIXES}' types, e.g. {@code like.added}, {@code like.removed}
 * @param payload the event's payload as JSON values (String, Number, Boolean, List, Map, or null), unmodifiable
 * @param at when the change was committed
 */
public record UserActivity(long userId, long seq, String type, Map<String, Object> payload, Instant at) {

    /**
     * The kinds of event plugins are told about: likes ({@code like.*}), ratings ({@code rating.*}) and playlist edits
     * ({@code playlist.*}) as the core adds them. Settings, permission changes and other plugins' events are not
     * activity a plugin is told about. What users play comes separately ({@code dev.resonance.api.playback}).
     */
    public static final List<String> PREFIXES = List.of("like.", "rating.", "playlist.");

    public UserActivity {
        Objects.requireNonNull(type, "type");
        payload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(payload));
        Objects.requireNonNull(at, "at");
    }

    /** Whether an event of {@code type} is activity plugins are told about. */
    public static boolean told(String type) {
        return PREFIXES.stream().anyMatch(type::startsWith);
    }
}
