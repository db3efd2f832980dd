package dev.resonance.impl.history;

import dev.resonance.impl.graphql.GraphPart;
import dev.resonance.impl.graphql.GraphValues;
import dev.resonance.impl.graphql.GraphWiring;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Play reports, listening history and stats in GraphQL ({@code core.history}), through the same services as
 * {@code /api/v1/user/plays|history|stats/*} and {@code /api/v1/admin/stats}; {@code Track.playCount} and
 * {@code Track.lastPlayedAt} come in one statement per level however many tracks are asked.
 */
public final class HistoryGraph implements GraphPart {

    private final HistoryServices services;

    public HistoryGraph(HistoryServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "core.history";
    }

    @Override
    public String schema() {
        return GraphPart.resource(HistoryGraph.class, "history.graphqls");
    }

    @Override
    public void wire(GraphWiring w) {
        w.mutation("reportPlay", GraphWiring.rest(HistoryResource.class, "report"), c -> {
            Object track = c.arg("trackId");
            Number position = c.arg("positionMs");
            String event = c.<String>arg("event").toLowerCase(Locale.ROOT);
            return GraphValues.map(services.reports().report(c.caller(), new PlayReportService.PlayReport(
                    track == null ? null : c.id("trackId"), event, position == null ? null : position.longValue(),
                    c.<String>optional("at").orElse(null))));
        });
        w.query("history", GraphWiring.rest(HistoryResource.class, "listens"),
                c -> GraphValues.page(services.history().listens(c.caller(), c.optional("after"), c.limit(100))));
        w.query("recentTracks", GraphWiring.rest(HistoryResource.class, "recentTracks"),
                c -> GraphValues.page(services.history().recentTracks(c.caller(), c.optional("after"), c.limit(100))));
        w.query("top", GraphWiring.rest(HistoryResource.class, "top"), c -> GraphValues.map(services.stats().top(c.caller(),
                StatsService.TopKind.parse(c.<String>optional("kind").orElse("TRACKS").toLowerCase(Locale.ROOT)),
                Period.parse(c.<String>optional("period").orElse("MONTH").toLowerCase(Locale.ROOT)), c.limit(20).value())));
        w.query("listeningSummary", GraphWiring.rest(HistoryResource.class, "summary"), c -> GraphValues.map(services.stats().summary(
                c.caller(), Period.parse(c.<String>optional("period").orElse("MONTH").toLowerCase(Locale.ROOT)))));
        w.query("serverStats", GraphWiring.rest(AdminStatsResource.class, "stats"), c -> GraphValues.map(services.stats().server(
                c.caller(), Period.parse(c.<String>optional("period").orElse("MONTH").toLowerCase(Locale.ROOT)), c.limit(20).value())));

        w.<Long, HistoryService.PlayCount>batch("history.plays", (caller, ids) -> {
            Map<Long, HistoryService.PlayCount> counts = new HashMap<>();
            for (HistoryService.PlayCount count : services.history().playCounts(caller, List.copyOf(ids))) {
                counts.put(count.trackId(), count);
            }
            return counts;
        });
        w.field("Track", "playCount", c -> c.<Long, HistoryService.PlayCount>load("history.plays", trackId(c))
                .thenApply(count -> count == null ? 0L : count.playCount()));
        w.field("Track", "lastPlayedAt", c -> c.<Long, HistoryService.PlayCount>load("history.plays", trackId(c))
                .thenApply(count -> count == null ? null : count.lastPlayedAt().map(Object::toString).orElse(null)));
    }

    private static long trackId(dev.resonance.impl.graphql.GraphCall c) {
        return ((Number) c.<Map<String, Object>>source().get("id")).longValue();
    }
}
