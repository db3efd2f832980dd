package dev.resonance.api.playback;

import dev.resonance.api.library.TrackInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * A play that counts as a listen, for {@link Scrobbler}s: delivered once per play, as soon as the core learns that it
 * {@linkplain #qualifies(long, long) qualifies} (at the latest when the play ends).
 *
 * @param userId the listening user's id
 * @param username the listening user's name
 * @param deviceName the device that played it (a scrobbler may send it as the media player); empty when unknown
 * @param track the track
 * @param startedAt when the play started (server time): the listen's time ({@code listened_at})
 * @param playedMs how much of the track was heard when it qualified (see {@link PlaybackEvent#playedMs()})
 */
public record Scrobble(long userId, String username, String deviceName, TrackInfo track, Instant startedAt, long playedMs) {

    /** Tracks this long or shorter are never scrobbled. */
    public static final long MIN_TRACK_MS = 30_000;

    /** Hearing this much of a track always qualifies, however long the track. */
    public static final long ENOUGH_MS = 240_000;

    public Scrobble {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /**
     * The rule of ListenBrainz and Last.fm: a play counts as a listen when the track is longer than
     * {@value #MIN_TRACK_MS} ms and at least half of it, or {@value #ENOUGH_MS} ms (4 minutes), whichever is less, was
     * heard.
     *
     * @param durationMs the track's duration
     * @param playedMs how much of it was heard in the play
     */
    public static boolean qualifies(long durationMs, long playedMs) {
        return durationMs > MIN_TRACK_MS && playedMs >= Math.min((durationMs + 1) / 2, ENOUGH_MS);
    }
}
