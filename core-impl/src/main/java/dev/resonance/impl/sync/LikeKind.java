package dev.resonance.impl.sync;

import dev.resonance.impl.http.ApiException;
import java.util.Arrays;
import java.util.Locale;

/** What can be liked, with the SQL names behind each kind (constants, never client text). */
public enum LikeKind {
    TRACK("liked_tracks", "SELECT 1 FROM tracks WHERE id = ? AND missing_since IS NULL",
            " AND library_id = ANY (?)", "tracks t", "t.title"),
    ALBUM("liked_albums", "SELECT 1 FROM albums WHERE id = ?", " AND library_id = ANY (?)", "albums t", "t.title"),
    // an artist is in a library when a present track there credits them or an album there names them
    ARTIST("liked_artists", "SELECT 1 FROM artists ar WHERE ar.id = ?",
            " AND (EXISTS (SELECT 1 FROM track_artists ta JOIN tracks t ON t.id = ta.track_id WHERE ta.artist_id = ar.id"
                    + " AND t.missing_since IS NULL AND t.library_id = ANY (?)) OR EXISTS (SELECT 1 FROM album_artists aa"
                    + " JOIN albums al ON al.id = aa.album_id WHERE aa.artist_id = ar.id AND al.library_id = ANY (?)))",
            "artists t", "t.name");

    final String table;
    /** Whether the item exists (one parameter: its id). */
    final String existsSql;
    /** Appended to {@link #existsSql} for a caller limited to some libraries: each {@code ?} is the array of them. */
    final String inLibraries;
    final String catalogTable;
    final String nameColumn;

    LikeKind(String table, String existsSql, String inLibraries, String catalogTable, String nameColumn) {
        this.table = table;
        this.existsSql = existsSql;
        this.inLibraries = inLibraries;
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
