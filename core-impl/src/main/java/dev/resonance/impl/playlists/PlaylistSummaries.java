package dev.resonance.impl.playlists;

import dev.resonance.api.auth.Caller;
import dev.resonance.impl.library.browse.CatalogQueries;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Playlist summaries read on the caller's connection: what the sync snapshot lists ({@link #ofMember}) and what the
 * playlist API shows. Public so that sync can fill its snapshot in its own repeatable-read transaction without
 * depending on the playlist service (sync uses playlists; playlists never use sync).
 */
public final class PlaylistSummaries {

    /**
     * Up to 4 distinct album covers of the first 100 entries, in entry order; tracks outside the libraries given (twice,
     * as a {@code bigint[]}, null = all) and missing tracks do not count.
     */
    static final String MOSAIC = "ARRAY(SELECT x.cover FROM (SELECT al.cover_image_id AS cover, min(f.position) AS first"
            + " FROM (SELECT e.track_id, e.position FROM playlist_entries e WHERE e.playlist_id = p.id ORDER BY e.position, e.id LIMIT 100) f"
            + " JOIN tracks t ON t.id = f.track_id AND t.missing_since IS NULL AND (?::bigint[] IS NULL OR t.library_id = ANY (?::bigint[]))"
            + " JOIN albums al ON al.id = t.album_id WHERE al.cover_image_id IS NOT NULL"
            + " GROUP BY al.cover_image_id ORDER BY first LIMIT 4) x ORDER BY x.first)";

    /** Summary columns 1-14, read by {@link #summary}; the mosaic takes parameters 1 and 2 ({@link #libraries}). */
    static final String SUMMARY = "SELECT p.id, p.name, p.description, p.public, p.collaborative, p.owner_id, u.username, p.cover_image_id,"
            + " p.track_count, p.duration_ms, p.version, p.created_at, p.updated_at, " + MOSAIC
            + " FROM playlists p JOIN users u ON u.id = p.owner_id";

    /** Where the caller is a member: owner or collaborator. */
    static final String MEMBER = "(p.owner_id = ? OR EXISTS (SELECT 1 FROM playlist_collaborators pc WHERE pc.playlist_id = p.id AND pc.user_id = ?))";

    private PlaylistSummaries() {
    }

    /** The playlists the caller owns or collaborates on, oldest first: the snapshot's {@code playlists}. */
    public static List<PlaylistViews.Summary> ofMember(Connection c, Caller caller) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SUMMARY + " WHERE " + MEMBER + " ORDER BY p.id")) {
            int i = libraries(c, ps, 1, CatalogQueries.libraries(c, caller));
            ps.setLong(i++, caller.userId());
            ps.setLong(i, caller.userId());
            return read(ps);
        }
    }

    /** One playlist as {@code libraries} (empty = all) let see its mosaic. */
    static Optional<PlaylistViews.Summary> one(Connection c, long playlistId, Optional<Long[]> libraries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SUMMARY + " WHERE p.id = ?")) {
            ps.setLong(libraries(c, ps, 1, libraries), playlistId);
            List<PlaylistViews.Summary> found = read(ps);
            return found.stream().findFirst();
        }
    }

    /** Sets the library filter at {@code index} and {@code index + 1}; returns the next index. */
    static int libraries(Connection c, PreparedStatement ps, int index, Optional<Long[]> libraries) throws SQLException {
        if (libraries.isPresent()) {
            Array array = c.createArrayOf("bigint", libraries.get());
            ps.setArray(index, array);
            ps.setArray(index + 1, array);
        } else {
            ps.setNull(index, Types.ARRAY);
            ps.setNull(index + 1, Types.ARRAY);
        }
        return index + 2;
    }

    static List<PlaylistViews.Summary> read(PreparedStatement ps) throws SQLException {
        List<PlaylistViews.Summary> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(summary(rs));
            }
        }
        return found;
    }

    static PlaylistViews.Summary summary(ResultSet rs) throws SQLException {
        long cover = rs.getLong(8);
        Optional<Long> coverId = rs.wasNull() ? Optional.empty() : Optional.of(cover);
        Long[] mosaic = (Long[]) rs.getArray(14).getArray();
        return new PlaylistViews.Summary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                new PlaylistViews.UserRef(rs.getLong(6), rs.getString(7)), coverId, List.copyOf(Arrays.asList(mosaic)),
                rs.getInt(9), rs.getLong(10), rs.getLong(11), rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant());
    }
}
