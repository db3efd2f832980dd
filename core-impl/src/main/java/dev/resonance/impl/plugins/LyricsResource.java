package dev.resonance.impl.plugins;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.http.RequestCaller;
import dev.resonance.impl.library.browse.CatalogQueries;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/v1/content/tracks/{id}/lyrics}: the track's lyrics from the lyrics plugins. No plugin, or none with
 * lyrics, or a failing one: 200 with an empty list. An unknown track or one the caller may not see: 404.
 */
@Path("v1/content/tracks/{id}/lyrics")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.ACCESS_CATALOG)
public final class LyricsResource {

    private final LyricsService lyrics;
    private final Database db;

    public LyricsResource(LyricsService lyrics, Database db) {
        this.lyrics = lyrics;
        this.db = db;
    }

    @GET
    public LyricsService.Answer lyrics(@PathParam("id") long id, @Context SecurityContext security) {
        boolean visible = db.read(c -> CatalogQueries.visible(c, RequestCaller.required(security),
            CatalogQueries.Item.TRACK, id));
        if (!visible) {
            throw ResonanceException.notFound("No track " + id);
        }
        return lyrics.lyrics(id);
    }
}
