package dev.resonance.impl.library.search;

/**
 * How popular an item is, as one SQL expression per kind over the ranked row (aliases {@code t} tracks, {@code a}
 * albums, {@code ar} artists, {@code p} playlists): search ranks by it after the match itself. Nothing counts plays
 * yet, so {@link #NONE} ranks everything equal (0).
 *
 * <p>When per-track play counts exist (say {@code track_popularity(track_id, play_count, last_played_at)}), only this
 * record changes, e.g. for tracks {@code coalesce((SELECT p.play_count FROM track_popularity p WHERE p.track_id =
 * t.id), 0)} and for albums the sum over their tracks; the expressions run on the bounded candidates of a search only
 * (at most {@value CatalogSearch#CANDIDATES} + {@value CatalogSearch#NAME_CANDIDATES} rows per kind).
 */
public record Popularity(String track, String album, String artist, String playlist) {

    /** No play counts: every item 0. */
    public static final Popularity NONE = new Popularity("0::bigint", "0::bigint", "0::bigint", "0::bigint");
}
