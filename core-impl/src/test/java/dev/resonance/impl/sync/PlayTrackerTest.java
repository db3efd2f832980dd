package dev.resonance.impl.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.sync.PlayTracker.Play;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The plays a user's playback changes make, on a fake clock: each change is the state a device reports at the clock's
 * time, run through {@link PlayTracker#step} with the play the previous change left, as {@link PlaybackService} does.
 * Signals read {@code TYPE track@device position/played}, times in seconds.
 */
class PlayTrackerTest {

    private static final long PHONE = 1;
    private static final long SPEAKER = 2;
    /** Track id → duration (ms). */
    private static final Map<Long, Long> DURATIONS = Map.of(1L, 200_000L, 2L, 180_000L, 3L, 25_000L, 4L, 600_000L, 5L, 60_000L);

    private Instant now = Instant.parse("2026-03-01T20:00:00Z");
    private Playback.State state = new Playback.State(Optional.empty(), Optional.empty(), 0, false, 100, false, "off", List.of(),
        0, 0, 0, now);
    private Optional<Play> play = Optional.empty();

    private void advance(long seconds) {
        now = now.plusSeconds(seconds);
    }

    /** {@code device} reports that it plays (or not) {@code track} (null: nothing) at {@code position} seconds. */
    private List<String> report(long device, Long track, double position, boolean playing) {
        return signals(device, track, Math.round(position * 1000), playing).stream().map(s -> s.type() + " " + s.trackId()
            + "@" + s.deviceId() + " " + seconds(s.positionMs()) + "/" + seconds(s.playedMs())).toList();
    }

    private List<PlayTracker.Signal> signals(long device, Long track, long positionMs, boolean playing) {
        Playback.State next = new Playback.State(Optional.of(device), Optional.ofNullable(track), positionMs,
            playing, 100, false, "off", List.of(), 0, 0, state.version() + 1, now);
        PlayTracker.Step step = PlayTracker.step(play, state, next, id -> Optional.ofNullable(DURATIONS.get(id)));
        state = next;
        play = step.play();
        return step.signals();
    }

    private List<String> play(long track, double position) {
        return report(PHONE, track, position, true);
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
    }

    @Test
    void aTrackPlayedToItsEndFinishesAndCountsAsAListenWhenTheNextOneStarts() {
        assertThat(play(1, 0)).containsExactly("STARTED 1@1 0/0");
        advance(200);
        assertThat(play(2, 0)).containsExactly("FINISHED 1@1 200/200", "QUALIFIED 1@1 200/200", "STARTED 2@1 0/0");
        assertThat(play.orElseThrow().startedAt()).contains(now);
    }

    @Test
    void theNextTrackStartingWithinACrossfadeOfTheEndStillFinishesThePlay() {
        play(1, 0);
        advance(190); // a 10 s crossfade: the next track starts 10 s before the end of this one
        assertThat(play(2, 0)).containsExactly("FINISHED 1@1 190/190", "QUALIFIED 1@1 190/190", "STARTED 2@1 0/0");
    }

    @Test
    void movingOnEarlyIsASkipAndNoListen() {
        play(1, 0);
        advance(20);
        assertThat(play(2, 0)).containsExactly("SKIPPED 1@1 20/20", "STARTED 2@1 0/0");
    }

    @Test
    void aSkipAfterHalfTheTrackIsStillAListen() {
        play(1, 0);
        advance(101);
        assertThat(play(2, 0)).containsExactly("SKIPPED 1@1 101/101", "QUALIFIED 1@1 101/101", "STARTED 2@1 0/0");
    }

    @Test
    void pausedTimeIsNotHeardAndPauseAndResumeAreEvents() {
        play(1, 0);
        advance(60);
        assertThat(report(PHONE, 1L, 60, false)).containsExactly("PAUSED 1@1 60/60");
        advance(600);
        assertThat(report(PHONE, 1L, 60, true)).containsExactly("RESUMED 1@1 60/60");
        advance(30);
        assertThat(play(2, 0)).containsExactly("SKIPPED 1@1 90/90", "STARTED 2@1 0/0");
    }

    @Test
    void theListenIsDeliveredAtTheFirstChangeAfterItQualifiesAndOnlyOnce() {
        play(4, 0); // ten minutes long: four minutes heard make a listen
        advance(250);
        assertThat(report(PHONE, 4L, 250, false)).containsExactly("PAUSED 4@1 250/250", "QUALIFIED 4@1 250/250");
        advance(5);
        assertThat(report(PHONE, 4L, 250, true)).containsExactly("RESUMED 4@1 250/250");
        advance(100);
        assertThat(play(1, 0)).containsExactly("SKIPPED 4@1 350/350", "STARTED 1@1 0/0");
    }

    @Test
    void tracksOfThirtySecondsOrLessAreNeverListens() {
        play(3, 0);
        advance(25);
        assertThat(play(1, 0)).containsExactly("FINISHED 3@1 25/25", "STARTED 1@1 0/0");
    }

    @Test
    void seekingForwardAddsNothingHeardAndBackCountsAgain() {
        play(1, 0);
        advance(9);
        assertThat(play(1, 150)).as("a seek 9 s after the start: too soon for a progress event").isEmpty();
        advance(11);
        assertThat(play(1, 20)).as("a seek back, 20 s after the start").containsExactly("PROGRESSED 1@1 20/20");
        advance(30);
        assertThat(play(2, 0)).containsExactly("SKIPPED 1@1 50/50", "STARTED 2@1 0/0");
    }

    @Test
    void progressComesAtMostEveryTenSecondsExceptWhenAnotherDeviceTakesOver() {
        play(1, 0);
        advance(4);
        assertThat(play(1, 4)).isEmpty();
        advance(6);
        assertThat(play(1, 10)).containsExactly("PROGRESSED 1@1 10/10");
        advance(1);
        assertThat(report(SPEAKER, 1L, 11, true)).containsExactly("PROGRESSED 1@2 11/11");
        advance(5);
        assertThat(report(SPEAKER, 1L, 16, true)).isEmpty();
        advance(200);
        assertThat(report(SPEAKER, 2L, 0, true)).as("the end of a play is told with the device that played it")
            .containsExactly("FINISHED 1@2 200/200", "QUALIFIED 1@2 200/200", "STARTED 2@2 0/0");
    }

    @Test
    void aTrackSetWhilePausedStartsOnlyWhenItPlaysAndOneReplacedBeforeThatLeavesNoTrace() {
        assertThat(report(PHONE, 1L, 0, false)).isEmpty();
        advance(30);
        assertThat(report(PHONE, 2L, 0, false)).isEmpty();
        advance(30);
        assertThat(report(PHONE, 2L, 0, true)).containsExactly("STARTED 2@1 0/0");
        assertThat(play.orElseThrow().startedAt()).contains(now);
    }

    @Test
    void stoppingAtTheEndFinishesThePlayAndPlayingAgainIsANewOne() {
        play(1, 0);
        advance(200);
        assertThat(report(PHONE, 1L, 199.5, false)).containsExactly("FINISHED 1@1 199.5/200", "QUALIFIED 1@1 199.5/200");
        advance(60);
        assertThat(report(PHONE, 1L, 0, true)).containsExactly("STARTED 1@1 0/0");
        advance(5);
        assertThat(play(2, 0)).containsExactly("SKIPPED 1@1 5/5", "STARTED 2@1 0/0");
    }

    @Test
    void goingBackToTheStartAfterTheEndIsANewPlayOfTheSameTrack() {
        play(5, 0); // repeat one, a minute long
        advance(60);
        assertThat(play(5, 0.3)).containsExactly("FINISHED 5@1 60/60", "QUALIFIED 5@1 60/60", "STARTED 5@1 0.3/0");
        advance(20);
        assertThat(play(5, 0)).as("back to the start in the middle of the track: a seek").containsExactly("PROGRESSED 5@1 0/20");
    }

    @Test
    void aDeviceThatWentSilentIsCreditedAtMostTheRestOfTheTrack() {
        play(1, 50);
        advance(2 * 3600);
        assertThat(play(2, 0)).containsExactly("FINISHED 1@1 200/150", "QUALIFIED 1@1 200/150", "STARTED 2@1 0/0");
    }

    @Test
    void clearingTheTrackEndsThePlay() {
        play(1, 0);
        advance(30);
        assertThat(report(PHONE, null, 0, false)).containsExactly("SKIPPED 1@1 30/30");
        assertThat(play).isEmpty();
        advance(30);
        assertThat(report(PHONE, null, 0, true)).isEmpty();
    }

    @Test
    void aTrackTheCatalogDoesNotKnowPlaysWithoutAnEndOrAListen() {
        assertThat(play(99, 0)).containsExactly("STARTED 99@1 0/0");
        advance(3600);
        assertThat(play(1, 0)).containsExactly("SKIPPED 99@1 3600/3600", "STARTED 1@1 0/0");
    }

    @Test
    void positionsAsLargeAsAClientMaySendDoNotOverflow() {
        assertThat(signals(PHONE, 99L, Long.MAX_VALUE, true)).extracting(PlayTracker.Signal::positionMs).containsExactly(Long.MAX_VALUE);
        advance(10);
        assertThat(signals(PHONE, 1L, Long.MAX_VALUE, true)).extracting(s -> s.type() + " " + s.positionMs() + "/" + s.playedMs())
            .containsExactly("SKIPPED " + Long.MAX_VALUE + "/10000", "STARTED 200000/0");
        advance(10);
        assertThat(report(PHONE, 2L, 0, true)).containsExactly("FINISHED 1@1 200/0", "STARTED 2@1 0/0");
    }

    @Test
    void theListenRuleIsHalfTheTrackOrFourMinutesForTracksOverThirtySeconds() {
        assertThat(dev.resonance.api.playback.Scrobble.qualifies(30_000, 30_000)).isFalse();
        assertThat(dev.resonance.api.playback.Scrobble.qualifies(30_001, 15_000)).isFalse();
        assertThat(dev.resonance.api.playback.Scrobble.qualifies(30_001, 15_001)).isTrue();
        assertThat(dev.resonance.api.playback.Scrobble.qualifies(200_000, 99_999)).isFalse();
        assertThat(dev.resonance.api.playback.Scrobble.qualifies(200_000, 100_000)).isTrue();
        assertThat(dev.resonance.api.playback.Scrobble.qualifies(3_600_000, 239_999)).isFalse();
        assertThat(dev.resonance.api.playback.Scrobble.qualifies(3_600_000, 240_000)).isTrue();
        assertThat(PlayTracker.PROGRESS_EVERY).isEqualTo(Duration.ofSeconds(10));
    }
}
