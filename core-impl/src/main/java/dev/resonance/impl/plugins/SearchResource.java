package dev.resonance.impl.plugins;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.impl.http.RateLimit;
import dev.resonance.impl.http.RateLimiter;
import dev.resonance.impl.http.RequestCaller;
import dev.resonance.impl.input.PageLimit;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/v1/content/search?q=&kinds=&genre=&year=&limit=&after=}: the library search (see
 * {@link SearchService}): artists, albums, tracks (and playlists) the caller may see, ranked, with facets on first
 * pages. {@code kinds}: comma-separated (artist, album, track, playlist; default the first three); {@code limit}: hits
 * per kind (default 20); {@code after}: a section's {@code next}, which continues that kind alone. Drawn from the
 * SEARCH rate budget: a client searching as the user types sends a request per keystroke.
 */
@Path("v1/content/search")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.ACCESS_CATALOG)
public final class SearchResource {

    private final SearchService search;

    public SearchResource(SearchService search) {
        this.search = search;
    }

    @GET
    @RateLimit(RateLimiter.Kind.SEARCH)
    public SearchService.Result search(@QueryParam("q") String q, @QueryParam("kinds") @DefaultValue("") String kinds,
                                       @QueryParam("genre") Long genre, @QueryParam("year") Integer year,
                                       @QueryParam("limit") @DefaultValue("20") PageLimit limit, @QueryParam("after") String after,
                                       @QueryParam("facets") @DefaultValue("false") boolean facets,
                                       @Context SecurityContext security) {
        Set<dev.resonance.api.search.SearchKind> asked = SearchService.kinds(kinds);
        return search.search(RequestCaller.required(security), new SearchService.Query(q, asked, Optional.ofNullable(genre),
                Optional.ofNullable(year), limit.value(), Optional.ofNullable(after), facets));
    }
}
