package dev.resonance.impl.library.search;

/**
 * How popular an item is, per kind: search ranks by it after the match itself. Each is a query of {@code (id, n)} rows
 * (an item without a row counts 0) over the candidates of one search, the relation {@code d} with a column {@code id}.
 * It is one set-based query over all the candidates rather than a subquery per candidate: an artist's plays are the sum
 * over its tracks, and a lookup per candidate read every track of every candidate artist (hundreds of candidates for a
 * common prefix, thousands of index lookups, the slowest searches measured) where the plays on the server are few.
 */
public record Popularity(String track, String album, String artist, String playlist) {

    private static final String NOTHING = "SELECT NULL::bigint AS id, 0::bigint AS n WHERE false";

    /** No play counts: every item 0. */
    public static final Popularity NONE = new Popularity(NOTHING, NOTHING, NOTHING, NOTHING);

    /**
     * Plays on this server ({@code track_popularity}, kept by every listen): a track's listens, an album's and an
     * artist's the sum over their tracks; playlists rank by the match alone.
     */
    public static final Popularity PLAYS = new Popularity(
            "SELECT tp.track_id AS id, tp.play_count AS n FROM track_popularity tp WHERE tp.track_id IN (SELECT id FROM d)",
            "SELECT t2.album_id AS id, sum(tp.play_count)::bigint AS n FROM track_popularity tp JOIN tracks t2 ON t2.id = tp.track_id"
                    + " WHERE t2.album_id IN (SELECT id FROM d) GROUP BY t2.album_id",
            "SELECT ta.artist_id AS id, sum(tp.play_count)::bigint AS n FROM track_popularity tp JOIN track_artists ta"
                    + " ON ta.track_id = tp.track_id WHERE ta.artist_id IN (SELECT id FROM d) GROUP BY ta.artist_id",
            NOTHING);
}
