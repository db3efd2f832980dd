package dev.resonance.impl.history;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.library.browse.CatalogViews;
import dev.resonance.impl.library.browse.Cursor;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user's listening history: every listen, newest first; the tracks played most recently (each once); play counts.
 * Only tracks the caller may see now are shown (present, in a library granted to them): losing access to a library
 * hides its history without deleting it.
 */
public final class HistoryService {

    /** One listen. */
    public record Listen(long id, long trackId, String title, String artist, Optional<Long> albumId, String album, Instant startedAt,
                         long listenedMs, Optional<Long> deviceId, String deviceName, String source) {
    }

    /** A recently played track, with the user's play count. */
    public record RecentTrack(long trackId, String title, String artist, long playCount, Instant lastPlayedAt) {
    }

    /** A track's play count for the user (0 and no time when never listened to). */
    public record PlayCount(long trackId, long playCount, Optional<Instant> lastPlayedAt) {
    }

    /** The most ids one play-count request may name. */
    public static final int MAX_IDS = 500;

    private final Database db;

    public HistoryService(Database db) {
        this.db = db;
    }

    /** The caller's listens, newest first (keyset on start time and id). */
    public CatalogViews.Page<Listen> listens(Caller caller, Optional<String> after, PageLimit limit) {
        return page(caller, after, limit, "l.started_at", "l.id", "SELECT l.id, l.track_id, t.title, t.artist_display, t.album_id,"
                + " coalesce(al.title, ''), l.started_at, l.listened_ms, l.device_id, coalesce(d.name, ''), l.source FROM listens l"
                + " JOIN tracks t ON t.id = l.track_id LEFT JOIN albums al ON al.id = t.album_id LEFT JOIN devices d ON d.id = l.device_id",
                rs -> new Listen(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), optionalLong(rs, 5), rs.getString(6),
                        rs.getTimestamp(7).toInstant(), rs.getLong(8), optionalLong(rs, 9), rs.getString(10), rs.getString(11)));
    }

    /** The tracks the caller listened to, each once, most recently played first (an index read of the play counters). */
    public CatalogViews.Page<RecentTrack> recentTracks(Caller caller, Optional<String> after, PageLimit limit) {
        return page(caller, after, limit, "l.last_played_at", "l.track_id", "SELECT l.track_id, t.title, t.artist_display, l.play_count,"
                + " l.last_played_at FROM user_track_plays l JOIN tracks t ON t.id = l.track_id",
                rs -> new RecentTrack(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getTimestamp(5).toInstant()));
    }

    /** The caller's play counts of the tracks named (those the caller may see, in the order named). */
    public List<PlayCount> playCounts(Caller caller, List<Long> trackIds) {
        if (trackIds.isEmpty() || trackIds.size() > MAX_IDS) {
            throw new InvalidInput("ids", "must name 1 to " + MAX_IDS + " track ids");
        }
        return db.inTransaction(c -> {
            Optional<Long[]> libs = CatalogQueries.libraries(c, caller);
            Map<Long, PlayCount> found = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT t.id, coalesce(p.play_count, 0), p.last_played_at FROM tracks t"
                    + " LEFT JOIN user_track_plays p ON p.track_id = t.id AND p.user_id = ? WHERE t.id = ANY (?) AND " + visible(libs))) {
                ps.setLong(1, caller.userId());
                ps.setArray(2, c.createArrayOf("bigint", trackIds.toArray()));
                bindLibraries(c, ps, 3, libs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp last = rs.getTimestamp(3);
                        found.put(rs.getLong(1), new PlayCount(rs.getLong(1), rs.getLong(2), Optional.ofNullable(last).map(Timestamp::toInstant)));
                    }
                }
            }
            return trackIds.stream().distinct().filter(found::containsKey).map(found::get).toList();
        });
    }

    /** Reads one item of a page from the columns of the query. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * A page of {@code select} ({@code l}: a per-user table, {@code t}: its track) for the caller, newest first by
     * ({@code timeColumn}, {@code idColumn}), only visible tracks.
     */
    private <T> CatalogViews.Page<T> page(Caller caller, Optional<String> after, PageLimit limit, String timeColumn, String idColumn,
                                          String select, RowReader<T> reader) {
        int size = limit.value();
        Optional<Cursor> cursor = after.map(Cursor::decode);
        Optional<Long> afterMicros = cursor.map(HistoryService::micros);
        record Row<T>(T item, Timestamp time, long id) {
        }
        List<Row<T>> rows = db.inTransaction(c -> {
            Optional<Long[]> libs = CatalogQueries.libraries(c, caller);
            // the keyset columns go last in the select list (read by position)
            int from = select.indexOf(" FROM ");
            String sql = select.substring(0, from) + ", " + timeColumn + ", " + idColumn + select.substring(from)
                    + " WHERE l.user_id = ? AND " + visible(libs)
                    + (cursor.isPresent() ? " AND (" + timeColumn + ", " + idColumn + ") < (?, ?)" : "")
                    + " ORDER BY " + timeColumn + " DESC, " + idColumn + " DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, caller.userId());
                i = bindLibraries(c, ps, i, libs);
                if (cursor.isPresent()) {
                    ps.setTimestamp(i++, Cursor.timestamp(afterMicros.get()));
                    ps.setLong(i++, cursor.get().id());
                }
                ps.setInt(i, size + 1);
                List<Row<T>> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    int count = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        found.add(new Row<>(reader.read(rs), rs.getTimestamp(count - 1), rs.getLong(count)));
                    }
                }
                return found;
            }
        });
        Optional<String> next = rows.size() > size
                ? Optional.of(new Cursor(Long.toString(Cursor.micros(rows.get(size - 1).time())), rows.get(size - 1).id()).encode())
                : Optional.empty();
        return new CatalogViews.Page<>(rows.stream().limit(size).map(Row::item).toList(), next, Optional.empty());
    }

    /** The condition that track {@code t} is one the caller may see now (its library parameter bound by {@link #bindLibraries}). */
    static String visible(Optional<Long[]> libraries) {
        return "t.missing_since IS NULL" + (libraries.isPresent() ? " AND t.library_id = ANY (?)" : "");
    }

    /** Binds the parameter of {@link #visible} at {@code index}, if it has one; answers the next index. */
    static int bindLibraries(Connection c, PreparedStatement ps, int index, Optional<Long[]> libraries) throws SQLException {
        if (libraries.isEmpty()) {
            return index;
        }
        Array array = c.createArrayOf("bigint", libraries.get());
        ps.setArray(index, array);
        return index + 1;
    }

    private static long micros(Cursor cursor) {
        try {
            return Long.parseLong(cursor.value());
        } catch (NumberFormatException e) {
            throw dev.resonance.api.error.ResonanceException.invalid("invalid_cursor", "The 'after' cursor is not one this server gave out");
        }
    }

    private static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
