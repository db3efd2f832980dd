package dev.resonance.impl.history;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.impl.http.RequestCaller;
import dev.resonance.impl.input.InputRules;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.library.browse.CatalogViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * The caller's plays and what they add up to: {@code POST /api/v1/user/plays} (play reports), {@code /api/v1/user/history}
 * (listens, recently played tracks) and {@code /api/v1/user/stats/*} (play counts, tops, listening time). The caller's
 * own history needs only AccessCatalog: it is their data about the catalog they may browse (ViewAnalytics is the
 * server's analytics, {@link AdminStatsResource}).
 */
@Path("v1/user")
@Produces(MediaType.APPLICATION_JSON)
public final class HistoryResource {

    /** The answer of {@code GET /api/v1/user/stats/plays}. */
    public record PlayCounts(List<HistoryService.PlayCount> items) {
    }

    private final PlayReportService reports;
    private final HistoryService history;
    private final StatsService stats;

    public HistoryResource(PlayReportService reports, HistoryService history, StatsService stats) {
        this.reports = reports;
        this.history = history;
        this.stats = stats;
    }

    /** A play report of the caller's device: {@code {trackId, event, positionMs}}. */
    @POST
    @Path("plays")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public PlayReportService.Reported report(PlayReportService.PlayReport report, @Context SecurityContext security) {
        return reports.report(RequestCaller.required(security), report);
    }

    @GET
    @Path("history")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public CatalogViews.Page<HistoryService.Listen> listens(@QueryParam("after") String after,
                                                            @QueryParam("limit") @DefaultValue("100") PageLimit limit,
                                                            @Context SecurityContext security) {
        return history.listens(RequestCaller.required(security), Optional.ofNullable(after), limit);
    }

    @GET
    @Path("history/tracks")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public CatalogViews.Page<HistoryService.RecentTrack> recentTracks(@QueryParam("after") String after,
                                                                      @QueryParam("limit") @DefaultValue("100") PageLimit limit,
                                                                      @Context SecurityContext security) {
        return history.recentTracks(RequestCaller.required(security), Optional.ofNullable(after), limit);
    }

    /** Play counts of the tracks named by {@code ids} (comma-separated, at most 500). */
    @GET
    @Path("stats/plays")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public PlayCounts playCounts(@QueryParam("ids") String ids, @Context SecurityContext security) {
        return new PlayCounts(history.playCounts(RequestCaller.required(security), ids(ids)));
    }

    @GET
    @Path("stats/top")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public StatsService.Top top(@QueryParam("kind") @DefaultValue("tracks") String kind, @QueryParam("period") @DefaultValue("month") String period,
                                @QueryParam("limit") @DefaultValue("20") PageLimit limit, @Context SecurityContext security) {
        return stats.top(RequestCaller.required(security), StatsService.TopKind.parse(kind), Period.parse(period), limit.value());
    }

    @GET
    @Path("stats/summary")
    @RequiresPermission(Permission.ACCESS_CATALOG)
    public StatsService.Summary summary(@QueryParam("period") @DefaultValue("month") String period, @Context SecurityContext security) {
        return stats.summary(RequestCaller.required(security), Period.parse(period));
    }

    private static List<Long> ids(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInput("ids", "is required: comma-separated track ids");
        }
        String[] parts = text.split(",", -1);
        if (parts.length > HistoryService.MAX_IDS) {
            throw new InvalidInput("ids", "must name at most " + HistoryService.MAX_IDS + " track ids");
        }
        List<Long> ids = new ArrayList<>();
        for (String part : parts) {
            try {
                ids.add(InputRules.asciiLong(part.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidInput("ids", "must be comma-separated whole numbers");
            }
        }
        return ids;
    }
}
