package dev.resonance.impl.history;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.impl.http.RequestCaller;
import dev.resonance.impl.input.PageLimit;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/** {@code GET /api/v1/admin/stats}: the server's listening analytics (ViewAnalytics). */
@Path("v1/admin/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminStatsResource {

    private final StatsService stats;

    public AdminStatsResource(StatsService stats) {
        this.stats = stats;
    }

    @GET
    @RequiresPermission(Permission.VIEW_ANALYTICS)
    public StatsService.ServerStats stats(@QueryParam("period") @DefaultValue("month") String period,
                                          @QueryParam("limit") @DefaultValue("20") PageLimit limit, @Context SecurityContext security) {
        return stats.server(RequestCaller.required(security), Period.parse(period), limit.value());
    }
}
