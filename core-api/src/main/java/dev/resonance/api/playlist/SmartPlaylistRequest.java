package dev.resonance.api.playlist;

import java.util.Objects;

/**
 * An evaluation of a smart playlist.
 *
 * @param userId whose playlist (rules may refer to the user's likes, plays and ratings)
 * @param rule the rule, in the engine's language, as validated when it was saved
 * @param limit at most this many tracks, 1 to 10,000
 */
public record SmartPlaylistRequest(long userId, String rule, int limit) {
    public SmartPlaylistRequest {
        Objects.requireNonNull(rule, "rule");
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1 to 10000");
        }
    }
}
