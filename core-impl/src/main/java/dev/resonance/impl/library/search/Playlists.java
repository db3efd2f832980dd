package dev.resonance.impl.library.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Playlists as a search source. Playlists are not part of this schema yet: they are searched once a
 * {@code playlists} table with the search columns exists ({@code id}, {@code owner_id}, {@code search_name},
 * {@code search_vector}, see {@code V14__search.sql} for the columns' shape), and the playlists service writes
 * {@code search_name} ({@link SearchText#normalize} of the name) and {@code search_context} (its description, say) and
 * adds the words ({@link SearchIndex#addWords}) in the transaction that creates or renames a playlist. Until then the
 * source is left out, so asking for playlists finds none.
 */
final class Playlists {

    /** What the caller may see of playlists (alias {@code p}; the one parameter is the caller's user id). */
    static final String VISIBLE = "p.owner_id = ?";

    private Playlists() {
    }

    /** Whether the playlists table carries search documents (checked per search: a catalog lookup, microseconds). */
    static boolean indexed(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('playlists')"
                + " AND attname = 'search_vector' AND NOT attisdropped"); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }
}
