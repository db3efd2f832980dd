package dev.resonance.impl.library.browse;

import dev.resonance.impl.input.IdList;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.impl.http.RequestCaller;
import java.util.List;
import java.util.Optional;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/content/*}: browse the catalog. Lists are keyset-paged: pass a page's {@code next} as {@code after}.
 * Nothing here takes a file path: items are addressed by id only.
 */
@Path("v1/content")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.ACCESS_CATALOG)
public final class ContentResource {

    /** The most track ids one {@code GET tracks?ids=} takes. */
    public static final int MAX_IDS = 500;

    private final CatalogQueries catalog;

    public ContentResource(CatalogQueries catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("artists")
    public CatalogViews.Page<CatalogViews.Artist> artists(@QueryParam("genre") Long genre, @QueryParam("after") String after,
                                                          @QueryParam("limit") @DefaultValue("50") PageLimit limit,
                                                          @Context SecurityContext security) {
        return catalog.artists(RequestCaller.required(security), Optional.ofNullable(genre), Optional.ofNullable(after), limit);
    }

    @GET
    @Path("artists/{id}")
    public CatalogViews.ArtistDetail artist(@PathParam("id") long id, @Context SecurityContext security) {
        return catalog.artist(RequestCaller.required(security), id);
    }

    /** {@code sort}: title (default), recent (recently added), newest (release date), year. Filters: genre, year, artist. */
    @GET
    @Path("albums")
    public CatalogViews.Page<CatalogViews.Album> albums(@QueryParam("sort") @DefaultValue("title") String sort,
                                                        @QueryParam("genre") Long genre, @QueryParam("year") Integer year,
                                                        @QueryParam("artist") Long artist, @QueryParam("after") String after,
                                                        @QueryParam("limit") @DefaultValue("50") PageLimit limit,
                                                        @Context SecurityContext security) {
        return catalog.albums(RequestCaller.required(security), sort, Optional.ofNullable(genre), Optional.ofNullable(year),
                Optional.ofNullable(artist), Optional.ofNullable(after), limit);
    }

    @GET
    @Path("albums/{id}")
    public CatalogViews.AlbumDetail album(@PathParam("id") long id, @Context SecurityContext security) {
        return catalog.album(RequestCaller.required(security), id);
    }

    /**
     * {@code sort}: title (default) or recent. Or {@code ids}: up to {@link #MAX_IDS} comma-separated track ids, answered
     * in one page in their order, each track once, the ones the caller cannot see (or that are gone) left out: a device
     * taking over a long queue loads it in a few requests instead of one per track.
     */
    @GET
    @Path("tracks")
    public CatalogViews.Page<CatalogViews.Track> tracks(@QueryParam("sort") String sort,
                                                        @QueryParam("genre") Long genre, @QueryParam("after") String after,
                                                        @QueryParam("limit") @DefaultValue("50") PageLimit limit,
                                                        @QueryParam("ids") String ids,
                                                        @Context SecurityContext security) {
        if (ids != null) {
            if (sort != null || genre != null || after != null) {
                throw new InvalidInput("ids", "cannot be combined with sort, genre or after");
            }
            List<Long> wanted = IdList.parse("ids", ids, MAX_IDS);
            if (wanted.isEmpty()) {
                throw new InvalidInput("ids", "must name at least one track");
            }
            return new CatalogViews.Page<>(catalog.tracksById(RequestCaller.required(security), wanted), Optional.empty(),
                    Optional.empty());
        }
        return catalog.tracks(RequestCaller.required(security), sort == null ? "title" : sort, Optional.ofNullable(genre),
                Optional.ofNullable(after), limit);
    }

    @GET
    @Path("tracks/{id}")
    public CatalogViews.Track track(@PathParam("id") long id, @Context SecurityContext security) {
        return catalog.track(RequestCaller.required(security), id);
    }

    @GET
    @Path("genres")
    public List<CatalogViews.Genre> genres(@Context SecurityContext security) {
        return catalog.genres(RequestCaller.required(security));
    }
}
