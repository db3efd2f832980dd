package dev.resonance.impl.library.search;

/**
 * How popular an item is, as one SQL expression per kind over the ranked row (aliases {@code t} tracks, {@code a}
 * albums, {@code ar} artists, {@code p} playlists): search ranks by it after the match itself. The expressions run on
 * the bounded candidates of a search only (at most {@value CatalogSearch#CANDIDATES} +
 * {@value CatalogSearch#NAME_CANDIDATES} rows per kind), each an index lookup in {@code track_popularity}.
 */
public record Popularity(String track, String album, String artist, String playlist) {

    /** No play counts: every item 0. */
    public static final Popularity NONE = new Popularity("0::bigint", "0::bigint", "0::bigint", "0::bigint");

    /**
     * Plays on this server ({@code track_popularity}, kept by every listen): a track's listens, an album's and an
     * artist's the sum over their tracks; playlists rank by the match alone.
     */
    public static final Popularity PLAYS = new Popularity(
            "coalesce((SELECT tp.play_count FROM track_popularity tp WHERE tp.track_id = t.id), 0)::bigint",
            "coalesce((SELECT sum(tp.play_count) FROM tracks t2 JOIN track_popularity tp ON tp.track_id = t2.id"
                    + " WHERE t2.album_id = a.id), 0)::bigint",
            "coalesce((SELECT sum(tp.play_count) FROM track_artists ta JOIN track_popularity tp ON tp.track_id = ta.track_id"
                    + " WHERE ta.artist_id = ar.id), 0)::bigint",
            "0::bigint");
}
