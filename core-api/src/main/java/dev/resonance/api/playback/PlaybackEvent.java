package dev.resonance.api.playback;

import dev.resonance.api.library.TrackInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to a user's playback, as the core derived it from what the user's active device reported.
 * A <em>play</em> is one listening of one track from its start to its end: it begins with {@link Kind#STARTED}, may
 * pause, resume and progress, and ends with {@link Kind#FINISHED} or {@link Kind#SKIPPED} (or silently, when the core
 * never learns that it ended: a device that disappears mid-track). Every event of one play carries the same
 * {@code startedAt}.
 *
 * @param kind what happened
 * @param userId the listening user's id
 * @param username the listening user's name
 * @param deviceId the device that plays (for the end of a play: the device that played it)
 * @param deviceName that device's name as the user sees it (empty when the device was removed meanwhile)
 * @param track the track of the play
 * @param positionMs where in the track playback was at {@code at}, in milliseconds (0 to the track's duration)
 * @param playedMs how much of the track was heard in this play up to {@code at}: time spent playing, so a seek forward
 *     adds nothing and a seek back counts again; never more than what was left of the track after each reported
 *     position (a device gone silent is not credited past the end)
 * @param startedAt when this play started (server time): the same on each of its events, and what scrobbling services
 *     call the listen's time ({@code listened_at})
 * @param at when it happened (server time)
 */
public record PlaybackEvent(Kind kind, long userId, String username, long deviceId, String deviceName, TrackInfo track,
                            long positionMs, long playedMs, Instant startedAt, Instant at) {

    /** What happened to the play. */
    public enum Kind {
        /** A track began playing: a new play (also a track played again after it had ended). */
        STARTED,
        /**
         * The play goes on: a seek, a volume change, another device taking over, or any other report while playing; at
         * most one every few seconds per play (another device taking over always gives one).
         */
        PROGRESSED,
        /** The user paused before the end of the track. */
        PAUSED,
        /** Playback went on after {@link #PAUSED}. */
        RESUMED,
        /** The play ended at (or within a crossfade of) the end of the track; the play is over. */
        FINISHED,
        /** The play ended before the end of the track: the user moved to another track or cleared the queue. */
        SKIPPED
    }

    public PlaybackEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(at, "at");
        if (positionMs < 0 || playedMs < 0) {
            throw new IllegalArgumentException("positionMs and playedMs cannot be negative");
        }
    }

    /** Whether this event ends its play ({@link Kind#FINISHED} or {@link Kind#SKIPPED}). */
    public boolean endsPlay() {
        return kind == Kind.FINISHED || kind == Kind.SKIPPED;
    }
}
