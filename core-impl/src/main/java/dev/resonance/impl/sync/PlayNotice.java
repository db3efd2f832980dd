package dev.resonance.impl.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing a user's playback change meant, as {@link PlaybackFeed} hands it on: a {@link PlayTracker.Signal} with the
 * user and device it concerns. Ids only, not the track: a listener that needs more looks it up on its own thread.
 *
 * @param type what happened (an event kind of {@code dev.resonance.api.playback.PlaybackEvent}, or a listen)
 * @param userId the user
 * @param username the user's name
 * @param deviceId the device that plays (for the end of a play, the one that played it); 0 when none is known
 * @param deviceName that device's name; empty when unknown (removed meanwhile)
 * @param trackId the play's track
 * @param positionMs where in the track playback was
 * @param playedMs how much of the track the play has heard
 * @param startedAt when the play started
 * @param at when the change happened (server time)
 */
public record PlayNotice(PlayTracker.Type type, long userId, String username, long deviceId, String deviceName, long trackId,
                         long positionMs, long playedMs, Instant startedAt, Instant at) {
    public PlayNotice {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(at, "at");
    }
}
