package dev.resonance.impl.library.search;

/**
 * Playlists as a search source: the playlists service writes {@code search_name} ({@link SearchText#normalize} of the
 * name) and {@code search_context} (of the description) and adds the words ({@link SearchIndex#addWords}) in the
 * transaction that creates or renames a playlist ({@code V15__playlist_search.sql}). A caller finds the playlists they
 * may read: their own, those they collaborate on, and public ones.
 */
final class Playlists {

    /**
     * What the caller may see of playlists (alias {@code p}; {@link #VISIBLE_PARAMETERS} parameters, each the caller's
     * user id): the playlists they own or collaborate on, and public ones — as the playlists API lets them read.
     */
    static final String VISIBLE = "(p.owner_id = ? OR p.public OR EXISTS (SELECT 1 FROM playlist_collaborators pc"
            + " WHERE pc.playlist_id = p.id AND pc.user_id = ?))";

    /** How many times {@link #VISIBLE} takes the caller's user id. */
    static final int VISIBLE_PARAMETERS = 2;

    private Playlists() {
    }
}
