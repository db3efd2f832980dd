package dev.resonance.impl.history;

import dev.resonance.api.db.Database;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.sync.PlaybackFeed;
import java.time.Clock;

/** The services of listening history and stats on one node. */
public record HistoryServices(PlayReportService reports, HistoryService history, StatsService stats) {

    /** Over {@code db}: listens pushed through {@code publisher}, plays handed to {@code feed}, time from {@code clock}. */
    public static HistoryServices over(Database db, EventPublisher publisher, PlaybackFeed feed, Clock clock) {
        return new HistoryServices(new PlayReportService(db, publisher, feed, clock), new HistoryService(db), new StatsService(db, clock));
    }
}
