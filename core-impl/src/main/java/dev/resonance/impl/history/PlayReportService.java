package dev.resonance.impl.history;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.sync.PlayNotice;
import dev.resonance.impl.sync.PlayTracker;
import dev.resonance.impl.sync.Playback;
import dev.resonance.impl.sync.PlaybackFeed;
import dev.resonance.impl.sync.Plays;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The play-report API ({@code POST /api/v1/user/plays}): a player that does not speak Connect (or plays offline on its
 * own) reports what it plays, and the server makes plays, listens and plugin events of it exactly as it does of Connect
 * playback. Each device of a user has its own play in progress ({@link PlayReports}), moved on by the same
 * {@link PlayTracker} under that row's lock, in one short transaction per report: so any node continues a device's play,
 * heard time is wall-clock time between reports capped by what was left of the track (a seek forward earns nothing), and
 * a play becomes a listen once.
 *
 * <p>A report maps to the device's state: {@code started} ends the play in progress (the same track included: played
 * again) and starts one; {@code progress} and {@code resumed} say the track plays at {@code positionMs}, {@code paused}
 * that it stopped there (a new track: it starts at the next report that says it plays); {@code finished} and
 * {@code skipped} end the play, with the event the player named (an end of a track that is not in progress — a repeated
 * {@code finished} — changes nothing).
 *
 * <p>Reports sent late (a player that played offline and queued them) carry {@code at}, when the event happened by the
 * server's clock as the player reckons it: the play is stepped at that time instead of the arrival's, so what was heard
 * offline counts as it was heard and the listen keeps its time. A time after the server's now is taken as now (a clock
 * running ahead); one before the device's previous report as that report's time (heard time never runs backwards);
 * one more than {@link #MAX_LATE} old is refused.
 *
 * <p>Double counting: while the user's Connect playback has this device as its active device on the reported track,
 * Connect counts the play; the report is accepted and stored but makes no listen and no plugin event, for the rest of
 * that play ({@code covered}).
 */
public final class PlayReportService {

    /** What a player reports. */
    public enum Event {
        STARTED, PROGRESS, PAUSED, RESUMED, FINISHED, SKIPPED;

        String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Event parse(String name) {
            return Arrays.stream(values()).filter(e -> e.apiName().equals(name)).findFirst().orElseThrow(() -> new InvalidInput("event",
                    "must be one of started, progress, paused, resumed, finished, skipped"));
        }
    }

    /**
     * The body of {@code POST /api/v1/user/plays}.
     *
     * @param at when the event happened (ISO-8601 instant), for a report sent late; absent: now
     */
    public record PlayReport(Long trackId, String event, Long positionMs, String at) {

        public PlayReport(Long trackId, String event, Long positionMs) {
            this(trackId, event, positionMs, null);
        }
    }

    /**
     * What a device last reported of a track it has not ended.
     *
     * @param positionMs the position at {@code updatedAt}
     * @param updatedAt the report's time (server time)
     */
    public record InProgress(long deviceId, String device, long trackId, long positionMs, boolean playing, Instant updatedAt) {
    }

    /** The user's devices that last reported a track they have not ended (finished or skipped), in no order. */
    public List<InProgress> inProgress(long userId) {
        return db.read(c -> PlayReports.inProgress(c, userId));
    }

    /** Now, by the clock reports are stepped with. */
    public Instant now() {
        return clock.instant();
    }

    /** How late a report may arrive with its {@code at}. */
    static final Duration MAX_LATE = Duration.ofDays(30);

    /**
     * The answer: the reported track's play after the report.
     *
     * @param playedMs heard of the play so far (of the play that ended, for {@code finished}/{@code skipped})
     * @param listen whether the play counts as a listen (recorded in the history)
     * @param covered whether the user's Connect playback counts this play instead (see the class comment)
     */
    public record Reported(long trackId, String event, long playedMs, boolean listen, boolean covered, Instant serverTime) {
    }

    /** Locks that order the reports of one user on this node, as {@code PlaybackService} orders Connect changes. */
    private static final int STRIPES = 64;

    private final Database db;
    private final EventPublisher publisher;
    private final PlaybackFeed feed;
    private final Clock clock;
    private final Object[] stripes = new Object[STRIPES];

    public PlayReportService(Database db, EventPublisher publisher, PlaybackFeed feed, Clock clock) {
        this.db = db;
        this.publisher = publisher;
        this.feed = feed;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    private record Outcome(Reported answer, List<PlayNotice> notices, List<UserEvent> events) {
    }

    public Reported report(Caller caller, PlayReport report) {
        if (report == null) {
            throw new InvalidInput("body", "is required: {\"trackId\":…, \"event\":…, \"positionMs\":…}");
        }
        long trackId = required("trackId", report.trackId(), 1);
        long positionMs = required("positionMs", report.positionMs(), 0);
        if (report.event() == null) {
            throw new InvalidInput("event", "is required: one of started, progress, paused, resumed, finished, skipped");
        }
        Event event = Event.parse(report.event());
        Optional<Instant> at = at(report.at());
        // one user's reports are made and handed to the feed one at a time on this node, in commit order
        synchronized (stripes[Math.floorMod(caller.userId(), STRIPES)]) {
            Outcome outcome = db.inTransaction(c -> apply(c, caller, trackId, event, positionMs, at));
            feed.publish(outcome.notices());
            outcome.events().forEach(e -> publisher.published(caller.userId(), e));
            return outcome.answer();
        }
    }

    private static Optional<Instant> at(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new InvalidInput("at", "must be an ISO-8601 instant such as 2026-12-04T10:15:30Z");
        }
    }

    /** The time a report is stepped at: its {@code at} within the bounds of the class comment, or now. */
    static Instant stepTime(Optional<Instant> at, Instant now, Instant previous) {
        if (at.isEmpty()) {
            return now;
        }
        Instant t = at.get();
        if (t.isBefore(now.minus(MAX_LATE))) {
            throw new InvalidInput("at", "is more than " + MAX_LATE.toDays() + " days ago");
        }
        if (t.isAfter(now)) {
            t = now;
        }
        return previous != null && t.isBefore(previous) && !previous.isAfter(now) ? previous : t;
    }

    private Outcome apply(Connection c, Caller caller, long trackId, Event event, long positionMs, Optional<Instant> at)
            throws SQLException {
        long userId = caller.userId();
        long deviceId = caller.deviceId();
        PlayReports.Locked row = PlayReports.lock(c, userId, deviceId, trackId);
        Playback.State before = row.state();
        Instant serverNow = clock.instant();
        // the event's time: now, or its at (not before the report of a play in progress: a fresh or stopped row holds no time that matters)
        Instant now = stepTime(at, serverNow, before.trackId().isPresent() ? before.updatedAt() : null);
        Optional<PlayTracker.Play> play = row.play();
        boolean current = before.trackId().equals(Optional.of(trackId));
        boolean ends = event == Event.FINISHED || event == Event.SKIPPED;
        if (ends && !current) {
            // an end of a track not in progress (finished twice, or never started here): nothing to end
            return new Outcome(new Reported(trackId, event.apiName(), 0, false, row.covered(), serverNow), List.of(), List.of());
        }
        if (!current && !CatalogQueries.visible(c, caller, CatalogQueries.Item.TRACK, trackId)) {
            throw ResonanceException.notFound("No track " + trackId);
        }
        List<PlayTracker.Signal> signals = new ArrayList<>();
        if (event == Event.STARTED && before.trackId().isPresent()) {
            // the play in progress ends first: a started report always begins a new play (the same track again included)
            Playback.State stopped = PlayReports.state(deviceId, Optional.empty(), 0, false, now);
            PlayTracker.Step end = PlayTracker.step(play, before, stopped, Plays.durations(c));
            signals.addAll(end.signals());
            play = end.play();
            before = stopped;
        }
        int firstOfNewPlay = Integer.MAX_VALUE;
        Playback.State after = PlayReports.state(deviceId, ends ? Optional.empty() : Optional.of(trackId), positionMs,
                !ends && event != Event.PAUSED, now);
        PlayTracker.Step step = PlayTracker.step(play, before, after, Plays.durations(c));
        for (PlayTracker.Signal signal : step.signals()) {
            if (signal.type() == PlayTracker.Type.STARTED) {
                firstOfNewPlay = Math.min(firstOfNewPlay, signals.size());
            }
            signals.add(ends && isEnd(signal) ? named(signal, event) : signal);
        }

        // Connect covers a play of this track on this device: the report counts nothing of it
        boolean connect = row.connect();
        boolean oldCovered = row.covered() || (current && connect);
        List<PlayTracker.Signal> counted = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            if (!(i >= firstOfNewPlay ? connect : oldCovered)) {
                counted.add(signals.get(i));
            }
        }
        boolean covered = firstOfNewPlay != Integer.MAX_VALUE ? connect : oldCovered;
        PlayReports.write(c, userId, deviceId, after, step.play(), covered);

        if (counted.stream().noneMatch(PlayReportService::recorded)) {
            // most reports (progress every few seconds) only move the device's play on: a crash right after the commit
            // loses at most that step, which the next report makes up for (heard time is capped by wall-clock time), so
            // they need not wait for the WAL flush — the tail of a report's time on a busy disk. Reports that make or
            // end a listen (the history) still wait for it.
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
            }
        }
        List<UserEvent> events = Plays.record(c, userId, Plays.Source.REPORT, counted);
        List<PlayNotice> notices = counted.isEmpty() || !feed.heard() ? List.of() : Plays.notices(c, caller, counted, now);
        return new Outcome(answer(trackId, event, row.play(), step.play(), signals, covered, serverNow), notices, events);
    }

    /** The reported track's play after the report: the one in progress, or the one that just ended. */
    private static Reported answer(long trackId, Event event, Optional<PlayTracker.Play> before, Optional<PlayTracker.Play> after,
                                   List<PlayTracker.Signal> signals, boolean covered, Instant now) {
        Optional<PlayTracker.Play> play = after.filter(p -> p.trackId() == trackId);
        long playedMs = play.map(PlayTracker.Play::playedMs).orElseGet(() -> signals.stream().filter(s -> s.trackId() == trackId && isEnd(s))
                .mapToLong(PlayTracker.Signal::playedMs).reduce((a, b) -> b).orElse(0));
        boolean listen = play.isPresent() ? play.get().scrobbled()
                : before.filter(p -> p.trackId() == trackId).map(PlayTracker.Play::scrobbled).orElse(false)
                        || signals.stream().anyMatch(s -> s.trackId() == trackId && s.type() == PlayTracker.Type.QUALIFIED);
        return new Reported(trackId, event.apiName(), playedMs, listen && !covered, covered, now);
    }

    /** Whether {@link Plays#record} writes the history for {@code signal} (a listen, or the end of one). */
    private static boolean recorded(PlayTracker.Signal signal) {
        return signal.type() == PlayTracker.Type.QUALIFIED || isEnd(signal);
    }

    private static boolean isEnd(PlayTracker.Signal signal) {
        return signal.type() == PlayTracker.Type.FINISHED || signal.type() == PlayTracker.Type.SKIPPED;
    }

    /** The end of a play as the player named it (it knows whether it skipped; the server only estimates). */
    private static PlayTracker.Signal named(PlayTracker.Signal signal, Event event) {
        PlayTracker.Type type = event == Event.FINISHED ? PlayTracker.Type.FINISHED : PlayTracker.Type.SKIPPED;
        return new PlayTracker.Signal(type, signal.trackId(), signal.deviceId(), signal.positionMs(), signal.playedMs(), signal.startedAt());
    }

    private static long required(String field, Long value, long min) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        if (value < min) {
            throw new InvalidInput(field, "must be at least " + min);
        }
        return value;
    }
}
