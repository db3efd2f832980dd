package dev.resonance.impl.sync;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.library.browse.CatalogQueries;
import java.util.Arrays;
import java.util.Locale;

/** What can be liked (and rated), with the SQL names behind each kind (constants, never client text). */
public enum LikeKind {
    TRACK("liked_tracks", "rated_tracks", CatalogQueries.Item.TRACK, "tracks t", "t.title"),
    ALBUM("liked_albums", "rated_albums", CatalogQueries.Item.ALBUM, "albums t", "t.title"),
    ARTIST("liked_artists", "rated_artists", CatalogQueries.Item.ARTIST, "artists t", "t.name");

    final String table;
    /** The kind's ratings ({@link RatingsService}). */
    final String ratingTable;
    /** What must be visible to the caller to be liked (the catalog's rule, library access included). */
    final CatalogQueries.Item item;
    final String catalogTable;
    final String nameColumn;

    LikeKind(String table, String ratingTable, CatalogQueries.Item item, String catalogTable, String nameColumn) {
        this.table = table;
        this.ratingTable = ratingTable;
        this.item = item;
        this.catalogTable = catalogTable;
        this.nameColumn = nameColumn;
    }

    /** The name in URLs and JSON: {@code track}, {@code album}, {@code artist}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named in a URL; anything else is a 404 naming the accepted kinds. */
    public static LikeKind parse(String name) {
        return Arrays.stream(values()).filter(k -> k.apiName().equals(name)).findFirst()
                .orElseThrow(() -> ResonanceException.notFound("Nothing called '" + name + "' can be liked or rated: use track, album or artist"));
    }
}
