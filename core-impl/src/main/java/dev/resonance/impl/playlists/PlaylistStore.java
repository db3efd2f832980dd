package dev.resonance.impl.playlists;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.error.ResonanceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The playlist row as an edit sees it, who may do what with it, and the row-level changes every edit makes. */
final class PlaylistStore {

    /** What a caller needs to be for an operation. */
    enum Need { READ, EDIT_ENTRIES, OWNER }

    /** The playlist row and the caller's relation to it. */
    record Row(long id, long ownerId, boolean isPublic, boolean collaborative, long version, int trackCount, long durationMs,
               boolean owner, boolean collaborator) {
    }

    /** The row after a change: its new version and counts. */
    record Bumped(long version, int trackCount, long durationMs) {
    }

    private PlaylistStore() {
    }

    /**
     * Locks the playlist row for the rest of the transaction (edits of one playlist run one at a time) and checks that
     * the caller may do {@code need}. A playlist the caller may not read is "not found", whether it exists or not.
     */
    static Row lock(Connection c, Caller caller, long id, Need need) throws SQLException {
        return row(c, caller, id, need, " FOR UPDATE");
    }

    /** The playlist as {@link #lock} checks it, without a lock. */
    static Row read(Connection c, Caller caller, long id, Need need) throws SQLException {
        return row(c, caller, id, need, "");
    }

    private static Row row(Connection c, Caller caller, long id, Need need, String lock) throws SQLException {
        Row row;
        try (PreparedStatement ps = c.prepareStatement("SELECT p.owner_id, p.public, p.collaborative, p.version, p.track_count, p.duration_ms,"
                + " EXISTS (SELECT 1 FROM playlist_collaborators pc WHERE pc.playlist_id = p.id AND pc.user_id = ?)"
                + " FROM playlists p WHERE p.id = ?" + lock)) {
            ps.setLong(1, caller.userId());
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw notFound(id);
                }
                long owner = rs.getLong(1);
                row = new Row(id, owner, rs.getBoolean(2), rs.getBoolean(3), rs.getLong(4), rs.getInt(5), rs.getLong(6),
                        owner == caller.userId(), rs.getBoolean(7));
            }
        }
        if (!row.owner() && !row.collaborator() && !row.isPublic()) {
            throw notFound(id);
        }
        switch (need) {
            case OWNER -> {
                if (!row.owner()) {
                    throw ResonanceException.forbidden("not_playlist_owner", "Only the owner of playlist " + id + " may do this");
                }
            }
            case EDIT_ENTRIES -> {
                if (!row.owner() && !(row.collaborator() && row.collaborative())) {
                    throw ResonanceException.forbidden("playlist_read_only", "Playlist " + id + " is not yours"
                            + (row.collaborator() ? " and is no longer collaborative" : " and you are not one of its collaborators"));
                }
            }
            case READ -> {
                // owner, collaborator or public: checked above
            }
        }
        return row;
    }

    static ResonanceException notFound(long id) {
        return ResonanceException.notFound("playlist_not_found", "No playlist " + id);
    }

    /** 409 {@code version_conflict} when the client asked for a version the playlist is no longer at. */
    static void expect(Row row, Optional<Long> expectedVersion) {
        if (expectedVersion.isPresent() && expectedVersion.get() != row.version()) {
            throw ResonanceException.conflict("version_conflict", "Playlist " + row.id() + " is at version " + row.version()
                    + ", not " + expectedVersion.get() + ": fetch it and try again");
        }
    }

    /** The owner and the collaborators, ascending. */
    static List<Long> members(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner_id FROM playlists WHERE id = ?"
                + " UNION SELECT user_id FROM playlist_collaborators WHERE playlist_id = ? ORDER BY 1")) {
            ps.setLong(1, id);
            ps.setLong(2, id);
            List<Long> members = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.add(rs.getLong(1));
                }
            }
            return members;
        }
    }

    /** One more version, the counts moved by the deltas, {@code updated_at} now. */
    static Bumped bump(Connection c, long id, int countDelta, long durationDelta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE playlists SET version = version + 1, updated_at = now(),"
                + " track_count = track_count + ?, duration_ms = duration_ms + ? WHERE id = ? RETURNING version, track_count, duration_ms")) {
            ps.setInt(1, countDelta);
            ps.setLong(2, durationDelta);
            ps.setLong(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Bumped(rs.getLong(1), rs.getInt(2), rs.getLong(3));
            }
        }
    }

    /** The summary as the events carry it (every library counts for the mosaic: see docs/sync-protocol.md). */
    static PlaylistViews.Summary summary(Connection c, long id) throws SQLException {
        return PlaylistSummaries.one(c, id, Optional.empty()).orElseThrow(() -> notFound(id));
    }

    static List<PlaylistViews.Collaborator> collaborators(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT u.id, u.username, pc.since FROM playlist_collaborators pc"
                + " JOIN users u ON u.id = pc.user_id WHERE pc.playlist_id = ? ORDER BY pc.since, u.id")) {
            ps.setLong(1, id);
            List<PlaylistViews.Collaborator> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new PlaylistViews.Collaborator(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
            return found;
        }
    }
}
