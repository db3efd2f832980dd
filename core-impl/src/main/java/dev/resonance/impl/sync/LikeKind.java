package dev.resonance.impl.sync;

import dev.resonance.impl.http.ApiException;
import java.util.Arrays;
import java.util.Locale;

/** What can be liked, with the SQL names behind each kind (constants, never client text). */
public enum LikeKind {
    TRACK("liked_tracks", "SELECT title FROM tracks WHERE id = ? AND missing_since IS NULL", "tracks t", "t.title"),
    ALBUM("liked_albums", "SELECT title FROM albums WHERE id = ?", "albums t", "t.title"),
    ARTIST("liked_artists", "SELECT name FROM artists WHERE id = ?", "artists t", "t.name");

    final String table;
    final String existsSql;
    final String catalogTable;
    final String nameColumn;

    LikeKind(String table, String existsSql, String catalogTable, String nameColumn) {
        this.table = table;
        this.existsSql = existsSql;
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
                .orElseThrow(() -> ApiException.notFound("Nothing called '" + name + "' can be liked: use track, album or artist"));
    }
}
