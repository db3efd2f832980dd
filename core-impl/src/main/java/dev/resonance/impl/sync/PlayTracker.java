package dev.resonance.impl.sync;

import dev.resonance.api.playback.Scrobble;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * What a user's playback changes mean as <em>plays</em>: the events scrobblers and now-playing plugins get
 * ({@code dev.resonance.api.playback}). A pure function of the play in progress and the playback state before and after
 * one change: no clock (time is the states' {@code updatedAt}), no database. {@link PlaybackService} runs it in the
 * transaction of every change, under the user's row lock, and keeps the play in the same row, so the plays of a user
 * are one sequence whichever nodes the changes go through.
 *
 * <p>The rules (also in {@code docs/plugins.md}, "Playback events"):
 * <ul>
 *   <li><b>Heard time</b>: while the state says playing, the time until the next change counts as heard, but never
 *   more than what was left of the track after the reported position (a device gone silent is not credited past the
 *   end). A seek forward adds nothing, a seek back counts again.</li>
 *   <li><b>A play starts</b> when a track plays: a new track, the same track again after it had ended or gone back to
 *   its first {@value #RESTART_MS} ms after reaching its end (repeat one), or a cued track (set while paused) starting
 *   to play. STARTED.</li>
 *   <li><b>A play ends</b> when the track changes (or is cleared) or starts over: FINISHED when it had reached its end
 *   — its position then, counting the time since the last report, was within {@link #endMarginMs} of the end
 *   (15 s, or a fifth of a shorter track, for crossfades) — SKIPPED otherwise; or when it is paused within
 *   {@value #STOP_MARGIN_MS} ms of the end (the player stopped at the end of the queue): FINISHED. A track that never
 *   played (cued, then replaced) ends silently.</li>
 *   <li><b>While a play lasts</b>: playing → paused is PAUSED, paused → playing RESUMED; any other change while playing
 *   (seek, volume, queue) is PROGRESSED, at most one every {@link #PROGRESS_EVERY} after the play's previous event,
 *   except that another device taking over always gives one.</li>
 *   <li><b>A listen</b> (QUALIFIED, for scrobblers): once per play, at the first change after which its heard time
 *   {@linkplain Scrobble#qualifies(long, long) qualifies} (a track over 30 s, half of it or 4 minutes heard), right
 *   after that change's event of the play.</li>
 * </ul>
 * The device of a play's events is the active device: for the end of a play, the device that played it.
 */
public final class PlayTracker {

    /** The least time between two events of one play, unless another device took over. */
    public static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** The widest gap before the end that still counts as having reached it when the next track starts (crossfade). */
    static final long END_MARGIN_MS = 15_000;
    /** A pause this close to the end is the player stopping at the end of the track. */
    static final long STOP_MARGIN_MS = 2_000;
    /** Going back this close to the start of a track that had reached its end is playing it again. */
    static final long RESTART_MS = 5_000;

    /** What a change meant. {@link #QUALIFIED}: the play counts as a listen (a scrobble); the others are event kinds. */
    public enum Type { STARTED, PROGRESSED, PAUSED, RESUMED, FINISHED, SKIPPED, QUALIFIED }

    /**
     * The play in progress, kept with the user's playback state.
     *
     * @param trackId its track
     * @param durationMs the track's duration when the play began (0 when unknown: no end, never a listen)
     * @param startedAt when it first played; empty while only cued
     * @param playedMs heard so far, counted up to the state's {@code updatedAt}
     * @param noticedAt when its last event was
     * @param scrobbled whether it was delivered as a listen
     * @param ended whether it finished by stopping at its end (playing the track again starts a new play)
     */
    public record Play(long trackId, long durationMs, Optional<Instant> startedAt, long playedMs, Optional<Instant> noticedAt,
                       boolean scrobbled, boolean ended) {

        static Play cued(long trackId, long durationMs) {
            return new Play(trackId, durationMs, Optional.empty(), 0, Optional.empty(), false, false);
        }

        boolean started() {
            return startedAt.isPresent();
        }

        Play startedAt(Instant at) {
            return new Play(trackId, durationMs, Optional.of(at), 0, Optional.of(at), false, false);
        }

        Play heard(long more) {
            return new Play(trackId, durationMs, startedAt, playedMs + more, noticedAt, scrobbled, ended);
        }

        Play noticed(Instant at) {
            return new Play(trackId, durationMs, startedAt, playedMs, Optional.of(at), scrobbled, ended);
        }

        Play asScrobbled() {
            return new Play(trackId, durationMs, startedAt, playedMs, noticedAt, true, ended);
        }

        Play asEnded() {
            return new Play(trackId, durationMs, startedAt, playedMs, noticedAt, scrobbled, true);
        }
    }

    /**
     * One thing a change meant for a play.
     *
     * @param type what
     * @param trackId the play's track
     * @param deviceId the device that plays (or played) it; 0 when the state names none
     * @param positionMs where in the track playback was at the change
     * @param playedMs heard of the play so far
     * @param startedAt when the play started
     */
    public record Signal(Type type, long trackId, long deviceId, long positionMs, long playedMs, Instant startedAt) {
    }

    /** A change's outcome: the play in progress after it, and what it meant, in order. */
    public record Step(Optional<Play> play, List<Signal> signals) {
    }

    private PlayTracker() {
    }

    /**
     * What the change from {@code before} to {@code after} (at {@code after.updatedAt()}) meant.
     *
     * @param current the play in progress before the change
     * @param durations the duration of a track in milliseconds, empty when unknown (asked only when a new track plays)
     */
    public static Step step(Optional<Play> current, Playback.State before, Playback.State after,
                            LongFunction<Optional<Long>> durations) {
        Instant now = after.updatedAt();
        List<Signal> signals = new ArrayList<>();
        Play play = current.filter(p -> before.trackId().equals(Optional.of(p.trackId()))).orElse(null);
        long reached = 0;
        if (play != null) {
            long since = Math.max(0, Duration.between(before.updatedAt(), now).toMillis());
            if (play.started() && !play.ended() && playing(before)) {
                long left = play.durationMs() > 0 ? Math.max(0, play.durationMs() - before.positionMs()) : since;
                play = play.heard(Math.min(since, left));
            }
            // saturating: a client may report any position up to Long.MAX_VALUE
            reached = capped(play, playing(before) ? saturatedSum(before.positionMs(), since) : before.positionMs());
        }
        boolean sameTrack = play != null && after.trackId().equals(Optional.of(play.trackId()));
        boolean restart = sameTrack && play.started() && !play.ended() && reachedEnd(play.durationMs(), reached)
            && after.positionMs() < RESTART_MS && after.positionMs() + endMarginMs(play.durationMs()) < reached;

        if (play != null && (!sameTrack || restart)) {
            if (play.started() && !play.ended()) {
                Type end = reachedEnd(play.durationMs(), reached) ? Type.FINISHED : Type.SKIPPED;
                signals.add(signal(end, play, device(before, after), reached));
                qualify(play, signals, device(before, after), reached);
            }
            long duration = play.durationMs();
            play = null;
            if (restart) {
                return begin(Play.cued(after.trackId().orElseThrow(), duration), after, signals);
            }
        }
        if (play == null) {
            return after.trackId().isEmpty() ? new Step(Optional.empty(), signals)
                : begin(Play.cued(after.trackId().get(), durations.apply(after.trackId().get()).orElse(0L)), after, signals);
        }
        if (!play.started() || play.ended()) {
            return begin(Play.cued(play.trackId(), play.durationMs()), after, signals); // cued, or played again after its end
        }
        long device = after.activeDeviceId().orElse(0L);
        long position = capped(play, after.positionMs());
        if (playing(before) && !playing(after)) {
            boolean atEnd = play.durationMs() > 0 && position >= play.durationMs() - STOP_MARGIN_MS;
            play = play.noticed(now);
            signals.add(signal(atEnd ? Type.FINISHED : Type.PAUSED, play, device, position));
            play = qualify(play, signals, device, position);
            return new Step(Optional.of(atEnd ? play.asEnded() : play), signals);
        }
        if (!playing(before) && playing(after)) {
            play = play.noticed(now);
            signals.add(signal(Type.RESUMED, play, device, position));
        } else if (playing(after)) {
            boolean takenOver = !before.activeDeviceId().equals(after.activeDeviceId());
            boolean due = play.noticedAt().map(at -> !now.isBefore(at.plus(PROGRESS_EVERY))).orElse(true);
            if (takenOver || due) {
                play = play.noticed(now);
                signals.add(signal(Type.PROGRESSED, play, device, position));
            }
        }
        return new Step(Optional.of(qualify(play, signals, device, position)), signals);
    }

    /** The play of {@code cued} after the change: STARTED if the track plays now, else cued until it does. */
    private static Step begin(Play cued, Playback.State after, List<Signal> signals) {
        if (!playing(after)) {
            return new Step(Optional.of(cued), signals);
        }
        // milliseconds: the same instant whether read back from the database (microseconds) or not
        Play started = cued.startedAt(after.updatedAt().truncatedTo(ChronoUnit.MILLIS));
        signals.add(signal(Type.STARTED, started, after.activeDeviceId().orElse(0L), capped(started, after.positionMs())));
        return new Step(Optional.of(started), signals);
    }

    /** Adds QUALIFIED when the play has just become a listen; answers the play marked as scrobbled then. */
    private static Play qualify(Play play, List<Signal> signals, long device, long position) {
        if (play.scrobbled() || !Scrobble.qualifies(play.durationMs(), play.playedMs())) {
            return play;
        }
        signals.add(signal(Type.QUALIFIED, play, device, position));
        return play.asScrobbled();
    }

    private static Signal signal(Type type, Play play, long device, long position) {
        return new Signal(type, play.trackId(), device, position, play.playedMs(), play.startedAt().orElseThrow());
    }

    /** The device of a play that ends: the one that played it. */
    private static long device(Playback.State before, Playback.State after) {
        return before.activeDeviceId().or(after::activeDeviceId).orElse(0L);
    }

    /** Whether {@code state} plays something on some device. */
    static boolean playing(Playback.State state) {
        return state.playing() && state.trackId().isPresent() && state.activeDeviceId().isPresent();
    }

    private static long capped(Play play, long position) {
        return play.durationMs() > 0 ? Math.min(position, play.durationMs()) : position;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    /** How close to the end a play must have come to count as finished when the next track starts. */
    static long endMarginMs(long durationMs) {
        return Math.min(END_MARGIN_MS, durationMs / 5);
    }

    static boolean reachedEnd(long durationMs, long position) {
        return durationMs > 0 && position >= durationMs - endMarginMs(durationMs);
    }
}
