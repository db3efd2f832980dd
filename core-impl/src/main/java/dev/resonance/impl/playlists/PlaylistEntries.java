package dev.resonance.impl.playlists;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.library.browse.Cursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of the entries: reading them for a viewer, inserting, moving and deleting them on a locked playlist. */
final class PlaylistEntries {

    /**
     * The entries of a playlist in order ({@code playlist_entries_order}); {@code %s}: the keyset condition, then a
     * LIMIT. What an entry shows of its track comes from {@code playlist_tracks} (see {@link #SHOWN}), joined here in
     * Java: two range scans on the playlist's id whose plans cannot go wrong. (Joined in SQL, the plan PostgreSQL cached
     * for the statement after a new playlist's first reads — made while its tables had no statistics — was a nested
     * loop that scanned the playlist's 10,000 entries once per track: seconds.)
     */
    private static final String ENTRIES = "SELECT e.id, e.track_id, e.added_by, e.added_at, e.position FROM playlist_entries e"
            + " WHERE e.playlist_id = ?%s ORDER BY e.playlist_id, e.position, e.id%s";

    /** What the playlist's entries show of their tracks: one row per track (V16), kept current by the database. */
    private static final String SHOWN = "SELECT pt.track_id, pt.title, pt.artist_display, pt.album_id, coalesce(pt.album_title, ''),"
            + " pt.cover_image_id, pt.duration_ms, pt.library_id, pt.present FROM playlist_tracks pt WHERE pt.playlist_id = ?";

    /** A track as the playlist shows it. */
    private record Shown(String title, String artist, Optional<Long> albumId, String album, Optional<Long> coverImageId, long durationMs,
                         long libraryId, boolean present) {
    }

    /** An entry row before it is shown. */
    private record Row(long id, long trackId, Optional<Long> addedBy, java.time.Instant addedAt, long position) {
    }

    /** A page of entries and the keyset position of its last one. */
    record Page(List<PlaylistViews.Entry> entries, Optional<Cursor> last) {
    }

    private PlaylistEntries() {
    }

    /**
     * Up to {@code limit} entries (all with an empty limit) the caller may see, in order, after the entry of
     * {@code after} (or, when that entry was removed meanwhile, after the position it had). Entries of tracks the caller
     * may not see (missing files, other libraries) are skipped; a page short of them reads on.
     */
    static Page read(Connection c, Caller caller, long playlistId, Optional<Cursor> after, Optional<Integer> limit) throws SQLException {
        Optional<Long[]> libs = CatalogQueries.libraries(c, caller);
        java.util.Set<Long> allowed = libs.map(l -> java.util.Set.of(l)).orElse(null);
        // a whole playlist: every track's row at once; a page: the rows of its tracks
        Map<Long, Shown> shown = limit.isPresent() ? new HashMap<>() : shown(c, playlistId, Optional.empty());
        List<PlaylistViews.Entry> entries = new ArrayList<>();
        Map<Long, Optional<PlaylistViews.UserRef>> users = new HashMap<>();
        Optional<Cursor> from = after;
        Row last = null;
        boolean more = false;
        while (true) {
            // one more than the page still needs: whether another page follows
            Optional<Integer> asked = limit.map(l -> l - entries.size() + 1);
            List<Row> rows = rows(c, playlistId, from, asked);
            if (limit.isPresent()) {
                List<Long> unknown = rows.stream().map(Row::trackId).filter(t -> !shown.containsKey(t)).distinct().toList();
                if (!unknown.isEmpty()) {
                    shown.putAll(shown(c, playlistId, Optional.of(unknown)));
                }
            }
            for (Row row : rows) {
                Shown track = shown.get(row.trackId());
                if (track == null || !track.present() || allowed != null && !allowed.contains(track.libraryId())) {
                    continue;
                }
                if (limit.isPresent() && entries.size() == limit.get()) {
                    more = true;
                    break;
                }
                row.addedBy().ifPresent(by -> users.putIfAbsent(by, Optional.empty()));
                entries.add(new PlaylistViews.Entry(row.id(), row.trackId(), track.title(), track.artist(), track.albumId(), track.album(),
                        track.coverImageId(), track.durationMs(), row.addedBy().map(by -> new PlaylistViews.UserRef(by, null)), row.addedAt()));
                last = row;
            }
            if (more || asked.isEmpty() || rows.size() < asked.get()) {
                break;
            }
            Row end = rows.get(rows.size() - 1);
            from = Optional.of(new Cursor(Long.toString(end.position()), end.id()));
        }
        if (users.size() > 0) {
            name(c, users);
            for (int k = 0; k < entries.size(); k++) {
                PlaylistViews.Entry e = entries.get(k);
                if (e.addedBy().isPresent()) {
                    entries.set(k, new PlaylistViews.Entry(e.entryId(), e.trackId(), e.title(), e.artist(), e.albumId(), e.album(),
                            e.coverImageId(), e.durationMs(), users.get(e.addedBy().get().id()), e.addedAt()));
                }
            }
        }
        return new Page(entries, more && last != null ? Optional.of(new Cursor(Long.toString(last.position()), last.id())) : Optional.empty());
    }

    /** Up to {@code limit} entry rows (all without one) after {@code after}, in order. */
    private static List<Row> rows(Connection c, long playlistId, Optional<Cursor> after, Optional<Integer> limit) throws SQLException {
        String sql = String.format(ENTRIES,
                after.isPresent() ? " AND (e.position, e.id) > (coalesce((SELECT position FROM playlist_entries WHERE id = ? AND playlist_id = ?), ?), ?)" : "",
                limit.isPresent() ? " LIMIT ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, playlistId);
            if (after.isPresent()) {
                ps.setLong(i++, after.get().id());
                ps.setLong(i++, playlistId);
                ps.setLong(i++, cursorPosition(after.get()));
                ps.setLong(i++, after.get().id());
            }
            if (limit.isPresent()) {
                ps.setInt(i, limit.get());
            }
            // every row in one round trip (a fetch size made ten of a 10,000-entry playlist)
            ps.setFetchSize(0);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long by = rs.getLong(3);
                    Optional<Long> addedBy = rs.wasNull() ? Optional.empty() : Optional.of(by);
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), addedBy, rs.getTimestamp(4).toInstant(), rs.getLong(5)));
                }
            }
            return rows;
        }
    }

    /** The playlist's {@code playlist_tracks} rows: all of them, or those of {@code trackIds}. */
    private static Map<Long, Shown> shown(Connection c, long playlistId, Optional<List<Long>> trackIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SHOWN + (trackIds.isPresent() ? " AND pt.track_id = ANY (?)" : ""))) {
            ps.setLong(1, playlistId);
            if (trackIds.isPresent()) {
                ps.setArray(2, c.createArrayOf("bigint", trackIds.get().toArray(Long[]::new)));
            }
            ps.setFetchSize(0);
            Map<Long, Shown> shown = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long album = rs.getLong(4);
                    Optional<Long> albumId = rs.wasNull() ? Optional.empty() : Optional.of(album);
                    long cover = rs.getLong(6);
                    Optional<Long> coverId = rs.wasNull() ? Optional.empty() : Optional.of(cover);
                    shown.put(rs.getLong(1), new Shown(rs.getString(2), rs.getString(3), albumId, rs.getString(5), coverId, rs.getLong(7),
                            rs.getLong(8), rs.getBoolean(9)));
                }
            }
            return shown;
        }
    }

    /** Names the users of {@code users} (their ids, mapped to empty so far): one statement for the few who added entries. */
    private static void name(Connection c, Map<Long, Optional<PlaylistViews.UserRef>> users) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, username FROM users WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", users.keySet().toArray(Long[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.put(rs.getLong(1), Optional.of(new PlaylistViews.UserRef(rs.getLong(1), rs.getString(2))));
                }
            }
        }
    }

    private static long cursorPosition(Cursor cursor) {
        try {
            return Long.parseLong(cursor.value());
        } catch (NumberFormatException e) {
            throw ResonanceException.invalid("invalid_cursor", "The 'after' cursor is not one this server gave out");
        }
    }

    /** The durations of the tracks the caller may see among {@code trackIds}; 404 {@code unknown_track} for the first other. */
    static Map<Long, Long> visibleDurations(Connection c, Caller caller, List<Long> trackIds) throws SQLException {
        Map<Long, Long> durations = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, duration_ms FROM tracks WHERE id = ANY (?) AND missing_since IS NULL"
                + " AND (?::bigint[] IS NULL OR library_id = ANY (?::bigint[]))")) {
            ps.setArray(1, c.createArrayOf("bigint", trackIds.toArray(Long[]::new)));
            PlaylistSummaries.libraries(c, ps, 2, CatalogQueries.libraries(c, caller));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    durations.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        for (long id : trackIds) {
            if (!durations.containsKey(id)) {
                throw ResonanceException.notFound("unknown_track", "No track " + id);
            }
        }
        return durations;
    }

    /**
     * Inserts the tracks at the positions given (same order), added by the caller now; returns the new entries in order.
     * The playlist's {@code playlist_tracks} row of a track it did not hold yet is written first, from the catalog as
     * this statement sees it.
     */
    static List<PlaylistViews.EntryRef> insert(Connection c, long playlistId, long addedBy, List<Long> trackIds, List<Long> positions)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO playlist_tracks (playlist_id, track_id, title, artist_display,"
                + " album_id, album_title, cover_image_id, duration_ms, library_id, present)"
                + " SELECT ?, t.id, t.title, t.artist_display, t.album_id, al.title, al.cover_image_id, t.duration_ms, t.library_id,"
                + " t.missing_since IS NULL FROM tracks t LEFT JOIN albums al ON al.id = t.album_id WHERE t.id = ANY (?)"
                + " ON CONFLICT (playlist_id, track_id) DO NOTHING")) {
            ps.setLong(1, playlistId);
            ps.setArray(2, c.createArrayOf("bigint", trackIds.stream().distinct().toArray(Long[]::new)));
            ps.executeUpdate();
        }
        List<PlaylistViews.EntryRef> added = new ArrayList<>(trackIds.size());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO playlist_entries (playlist_id, position, track_id, added_by)"
                + " SELECT ?, v.position, v.track_id, ? FROM unnest(?::bigint[], ?::bigint[]) AS v(position, track_id)"
                + " RETURNING id, track_id, added_at, position")) {
            ps.setLong(1, playlistId);
            ps.setLong(2, addedBy);
            ps.setArray(3, c.createArrayOf("bigint", positions.toArray(Long[]::new)));
            ps.setArray(4, c.createArrayOf("bigint", trackIds.toArray(Long[]::new)));
            List<long[]> order = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    added.add(new PlaylistViews.EntryRef(rs.getLong(1), rs.getLong(2), Optional.of(addedBy), rs.getTimestamp(3).toInstant()));
                    order.add(new long[] {rs.getLong(4), added.size() - 1});
                }
            }
            order.sort((a, b) -> Long.compare(a[0], b[0]));
            return order.stream().map(o -> added.get((int) o[1])).toList();
        }
    }

    /** Which of {@code entryIds} are in the playlist, in the order given (duplicates dropped). */
    static List<Long> present(Connection c, long playlistId, List<Long> entryIds) throws SQLException {
        java.util.Set<Long> found = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM playlist_entries WHERE playlist_id = ? AND id = ANY (?)")) {
            ps.setLong(1, playlistId);
            ps.setArray(2, c.createArrayOf("bigint", entryIds.toArray(Long[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return entryIds.stream().distinct().filter(found::contains).toList();
    }

    /** Gives the entries the positions (same order). */
    static void move(Connection c, List<Long> entryIds, List<Long> positions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE playlist_entries e SET position = v.position"
                + " FROM unnest(?::bigint[], ?::bigint[]) AS v(id, position) WHERE e.id = v.id")) {
            ps.setArray(1, c.createArrayOf("bigint", entryIds.toArray(Long[]::new)));
            ps.setArray(2, c.createArrayOf("bigint", positions.toArray(Long[]::new)));
            ps.executeUpdate();
        }
    }

    /** What a removal took out: the entries (in playlist order) and their total duration. */
    record Removed(List<Long> entryIds, long durationMs) {
    }

    static Removed delete(Connection c, long playlistId, List<Long> entryIds) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        java.util.Set<Long> tracks = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM playlist_entries e USING tracks t"
                + " WHERE e.playlist_id = ? AND e.id = ANY (?) AND t.id = e.track_id RETURNING e.id, e.position, t.duration_ms, e.track_id")) {
            ps.setLong(1, playlistId);
            ps.setArray(2, c.createArrayOf("bigint", entryIds.toArray(Long[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                    tracks.add(rs.getLong(4));
                }
            }
        }
        rows.sort((a, b) -> a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[0], b[0]));
        if (!tracks.isEmpty()) {
            // the playlist_tracks rows of the tracks whose last entry went
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM playlist_tracks pt WHERE pt.playlist_id = ? AND pt.track_id = ANY (?)"
                    + " AND NOT EXISTS (SELECT 1 FROM playlist_entries e WHERE e.playlist_id = pt.playlist_id AND e.track_id = pt.track_id)")) {
                ps.setLong(1, playlistId);
                ps.setArray(2, c.createArrayOf("bigint", tracks.toArray(Long[]::new)));
                ps.executeUpdate();
            }
        }
        return new Removed(rows.stream().map(r -> r[0]).toList(), rows.stream().mapToLong(r -> r[2]).sum());
    }
}
