package dev.resonance.impl.library.browse;

import dev.resonance.impl.input.PageLimit;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Role;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Read-only catalog queries for the browse API: keyset pagination on indexed sort keys, never OFFSET; only
 * present tracks and the libraries the caller may see.
 */
public final class CatalogQueries {

    /** Album orders offered by {@code GET /content/albums?sort=}. */
    enum AlbumSort {
        TITLE("a.sort_title", "ASC", true), RECENT("a.created_at", "DESC", false),
        NEWEST("coalesce(a.release_date, '')", "DESC", true), YEAR("coalesce(a.year, 0)", "DESC", false);

        final String key;
        final String direction;
        final boolean text;

        AlbumSort(String key, String direction, boolean text) {
            this.key = key;
            this.direction = direction;
            this.text = text;
        }
    }

    /** Album columns 1-13 (artists from the album's read copy, see {@link CatalogJson}); use with {@link #ALBUMS}. */
    private static final String ALBUM_COLUMNS = "a.id, a.title, a.version, a.artist_display, a.year, a.release_date, a.compilation,"
            + " a.cover_image_id, a.track_count, a.duration_ms, a.created_at, i.palette, a.artists";
    private static final String ALBUMS = " FROM albums a LEFT JOIN images i ON i.id = a.cover_image_id";
    /** Tracks {@code t} with their albums {@code al} (which may be missing). */
    public static final String TRACKS = " FROM tracks t LEFT JOIN albums al ON al.id = t.album_id";

    /**
     * Track columns 1-25 (credits from the track's read copy, see {@link CatalogJson}), read by {@link #track(ResultSet)};
     * use with {@link #TRACKS}.
     */
    public static final String TRACK_COLUMNS = "t.id, t.title, t.artist_display, t.album_id, coalesce(al.title, ''), t.disc_number,"
            + " t.track_number, t.duration_ms, t.format, t.codec, t.bitrate_kbps, t.sample_rate, t.bit_depth, t.channels, t.year,"
            + " t.rg_track_gain, t.rg_track_peak, t.rg_album_gain, t.rg_album_peak, t.bpm, t.isrc, t.has_lyrics, t.mbid_recording,"
            + " t.created_at, t.credits";

    private final Database db;
    private final TotalsCache totals;

    /** Queries that count every first page (for tests that change the catalog behind the API's back). */
    public CatalogQueries(Database db) {
        this(db, () -> 0, Duration.ZERO);
    }

    /**
     * Queries that keep first-page totals until {@code catalogGeneration} moves (a scan ended on this node) or for at
     * most {@code totalsMaxAge} (a scan on another node).
     */
    public CatalogQueries(Database db, LongSupplier catalogGeneration, Duration totalsMaxAge) {
        this.db = db;
        this.totals = new TotalsCache(catalogGeneration, totalsMaxAge, 10_000, Clock.systemUTC());
    }

    /** What {@link #visible} can be asked about. */
    public enum Item { TRACK, ALBUM, ARTIST }

    /**
     * An artist in the libraries given twice as array parameters: credited by a present track there, or album artist of
     * an album with present tracks there.
     */
    public static final String ARTIST_IN_LIBRARIES = "(EXISTS (SELECT 1 FROM track_artists ta JOIN tracks t ON t.id = ta.track_id"
            + " WHERE ta.artist_id = ar.id AND t.missing_since IS NULL AND t.library_id = ANY (?)) OR EXISTS (SELECT 1 FROM album_artists aa"
            + " JOIN albums al ON al.id = aa.album_id WHERE aa.artist_id = ar.id AND al.track_count > 0 AND al.library_id = ANY (?)))";

    /**
     * Whether the track, album or artist exists and is in a library the caller may see: what the browse API would show
     * (a missing track is not).
     */
    public static boolean visible(Connection c, Caller caller, Item item, long id) throws SQLException {
        Optional<Long[]> libs = libraries(c, caller);
        String sql = switch (item) {
            case TRACK -> "SELECT 1 FROM tracks WHERE id = ? AND missing_since IS NULL" + (libs.isPresent() ? " AND library_id = ANY (?)" : "");
            case ALBUM -> "SELECT 1 FROM albums WHERE id = ?" + (libs.isPresent() ? " AND library_id = ANY (?)" : "");
            case ARTIST -> "SELECT 1 FROM artists ar WHERE ar.id = ?" + (libs.isPresent() ? " AND " + ARTIST_IN_LIBRARIES : "");
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            if (libs.isPresent()) {
                Array array = c.createArrayOf("bigint", libs.get());
                for (int i = 2; i <= (item == Item.ARTIST ? 3 : 2); i++) {
                    ps.setArray(i, array);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A track's duration in milliseconds, when the catalog has the track (missing or not, visible to anyone or not). */
    public static Optional<Long> durationMs(Connection c, long trackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT duration_ms FROM tracks WHERE id = ?")) {
            ps.setLong(1, trackId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The libraries a caller may see; empty = all. */
    public static Optional<Long[]> libraries(Connection c, Caller caller) throws SQLException {
        if (caller.role() == Role.ADMIN) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT library_id FROM user_library_access WHERE user_id = ?")) {
            ps.setLong(1, caller.userId());
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids.isEmpty() ? Optional.empty() : Optional.of(ids.toArray(Long[]::new));
        }
    }

    // ------------------------------------------------------------------ artists

    public CatalogViews.Page<CatalogViews.Artist> artists(Caller caller, Optional<Long> genreId, Optional<String> after, PageLimit limit) {
        int size = limit.value();
        Optional<Cursor> cursor = after.map(Cursor::decode);
        return db.read(c -> {
            Optional<Long[]> libs = libraries(c, caller);
            List<Object> params = new ArrayList<>();
            // an artist is listed when a present track credits them, or (without a genre filter) they are an album's artist;
            // the common case reads the counts scans keep on the artist row instead of aggregating the catalog
            StringBuilder where;
            if (libs.isEmpty() && genreId.isEmpty()) {
                where = new StringBuilder(" WHERE (ar.track_count > 0 OR ar.album_count > 0)");
            } else if (genreId.isEmpty()) {
                where = new StringBuilder(" WHERE " + ARTIST_IN_LIBRARIES);
                Array array = c.createArrayOf("bigint", libs.get());
                params.add(array);
                params.add(array);
            } else {
                where = new StringBuilder(" WHERE (EXISTS (SELECT 1 FROM track_artists ta JOIN tracks t ON t.id = ta.track_id"
                        + " WHERE ta.artist_id = ar.id AND t.missing_since IS NULL");
                if (libs.isPresent()) {
                    where.append(" AND t.library_id = ANY (?)");
                    params.add(c.createArrayOf("bigint", libs.get()));
                }
                // with a genre: credited by a present track of that genre (album artists carry no genre of their own)
                where.append(" AND EXISTS (SELECT 1 FROM track_genres tg WHERE tg.track_id = t.id AND tg.genre_id = ?)))");
                params.add(genreId.get());
            }
            List<Object> countParams = List.copyOf(params);
            String keyset = "";
            if (cursor.isPresent()) {
                keyset = " AND (ar.sort_name, ar.id) > (?, ?)";
                params.add(cursor.get().value());
                params.add(cursor.get().id());
            }
            String sql = "SELECT ar.id, ar.name, ar.mbid, ar.image_id, ar.sort_name FROM artists ar" + where + keyset
                    + " ORDER BY ar.sort_name, ar.id";
            return page(c, sql, params, size,
                    rs -> new CatalogViews.Artist(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), optLong(rs, 4)),
                    5, CatalogViews.Artist::id,
                    cursor.isEmpty() ? Optional.of("SELECT count(*) FROM artists ar" + where) : Optional.empty(), countParams);
        });
    }

    public CatalogViews.ArtistDetail artist(Caller caller, long id) {
        return db.read(c -> {
            Optional<Long[]> libs = libraries(c, caller);
            CatalogViews.Artist artist;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, mbid, image_id FROM artists WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ResonanceException.notFound("No artist " + id);
                    }
                    artist = new CatalogViews.Artist(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), optLong(rs, 4));
                }
            }
            String libFilter = libs.isPresent() ? " AND a.library_id = ANY (?)" : "";
            List<CatalogViews.Album> own = albumList(c, "SELECT " + ALBUM_COLUMNS + ALBUMS + " WHERE a.track_count > 0" + libFilter
                    + " AND EXISTS (SELECT 1 FROM album_artists aa WHERE aa.album_id = a.id AND aa.artist_id = ?)"
                    + " ORDER BY coalesce(a.release_date, '') DESC, a.id DESC", libs, id);
            List<CatalogViews.Album> appears = albumList(c, "SELECT " + ALBUM_COLUMNS + ALBUMS + " WHERE a.track_count > 0" + libFilter
                    + " AND a.id IN (SELECT t.album_id FROM tracks t JOIN track_artists ta ON ta.track_id = t.id"
                    + " WHERE ta.artist_id = ? AND t.missing_since IS NULL)"
                    + " AND NOT EXISTS (SELECT 1 FROM album_artists aa WHERE aa.album_id = a.id AND aa.artist_id = ?)"
                    + " ORDER BY coalesce(a.release_date, '') DESC, a.id DESC", libs, id, id);
            if (own.isEmpty() && appears.isEmpty() && libs.isPresent()) {
                throw ResonanceException.notFound("No artist " + id);
            }
            List<String> roles = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT role FROM track_artists WHERE artist_id = ? ORDER BY role")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        roles.add(rs.getString(1));
                    }
                }
            }
            if (!own.isEmpty() && !roles.contains("album_artist")) {
                roles.add("album_artist");
            }
            return new CatalogViews.ArtistDetail(artist.id(), artist.name(), artist.mbid(), artist.imageId(), roles, own, appears);
        });
    }

    // ------------------------------------------------------------------ albums

    public CatalogViews.Page<CatalogViews.Album> albums(Caller caller, String sortName, Optional<Long> genreId, Optional<Integer> year,
                                                        Optional<Long> artistId, Optional<String> after, PageLimit limit) {
        AlbumSort sort = sort(AlbumSort.class, sortName);
        int size = limit.value();
        Optional<Cursor> cursor = after.map(Cursor::decode);
        return db.read(c -> {
            Optional<Long[]> libs = libraries(c, caller);
            List<Object> params = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE a.track_count > 0");
            if (libs.isPresent()) {
                where.append(" AND a.library_id = ANY (?)");
                params.add(c.createArrayOf("bigint", libs.get()));
            }
            genreId.ifPresent(g -> {
                where.append(" AND EXISTS (SELECT 1 FROM album_genres ag WHERE ag.album_id = a.id AND ag.genre_id = ?)");
                params.add(g);
            });
            year.ifPresent(y -> {
                where.append(" AND a.year = ?");
                params.add(y);
            });
            artistId.ifPresent(id -> {
                where.append(" AND EXISTS (SELECT 1 FROM album_artists aa WHERE aa.album_id = a.id AND aa.artist_id = ?)");
                params.add(id);
            });
            List<Object> countParams = List.copyOf(params);
            String keyset = "";
            if (cursor.isPresent()) {
                keyset = " AND (" + sort.key + ", a.id) " + (sort.direction.equals("ASC") ? ">" : "<") + " (?, ?)";
                params.add(sortValue(sort, cursor.get().value()));
                params.add(cursor.get().id());
            }
            String sql = "SELECT " + ALBUM_COLUMNS + ", " + sort.key + ALBUMS + where + keyset
                    + " ORDER BY " + sort.key + " " + sort.direction + ", a.id " + sort.direction;
            CatalogViews.Page<CatalogViews.Album> page = page(c, sql, params, size, CatalogQueries::album, 14, CatalogViews.Album::id,
                    cursor.isEmpty() ? Optional.of("SELECT count(*) FROM albums a" + where) : Optional.empty(), countParams);
            return page;
        });
    }

    private static Object sortValue(AlbumSort sort, String raw) {
        try {
            return switch (sort) {
                case TITLE, NEWEST -> raw;
                case YEAR -> Integer.parseInt(raw);
                case RECENT -> {
                    yield Cursor.timestamp(Long.parseLong(raw));
                }
            };
        } catch (NumberFormatException e) {
            throw ResonanceException.invalid("invalid_cursor", "The 'after' cursor does not match this sort order");
        }
    }

    public CatalogViews.AlbumDetail album(Caller caller, long id) {
        return db.read(c -> {
            Optional<Long[]> libs = libraries(c, caller);
            CatalogViews.Album album;
            String label;
            String mbid;
            String originalDate;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ALBUM_COLUMNS + ", a.label, a.mbid, a.original_date"
                    + ALBUMS + " WHERE a.id = ?" + (libs.isPresent() ? " AND a.library_id = ANY (?)" : ""))) {
                ps.setLong(1, id);
                if (libs.isPresent()) {
                    ps.setArray(2, c.createArrayOf("bigint", libs.get()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ResonanceException.notFound("No album " + id);
                    }
                    album = album(rs);
                    label = rs.getString(14);
                    mbid = rs.getString(15);
                    originalDate = rs.getString(16);
                }
            }
            List<String> genres = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT g.name FROM album_genres ag JOIN genres g ON g.id = ag.genre_id"
                    + " WHERE ag.album_id = ? ORDER BY g.name")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        genres.add(rs.getString(1));
                    }
                }
            }
            List<CatalogViews.Track> tracks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TRACK_COLUMNS + TRACKS
                    + " WHERE t.album_id = ? AND t.missing_since IS NULL ORDER BY coalesce(t.disc_number, 1), t.track_number NULLS LAST, t.sort_title, t.id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tracks.add(track(rs));
                    }
                }
            }
            Map<Integer, List<CatalogViews.Track>> discs = new LinkedHashMap<>();
            for (CatalogViews.Track track : tracks) {
                discs.computeIfAbsent(track.disc().orElse(1), d -> new ArrayList<>()).add(track);
            }
            List<CatalogViews.Disc> discList = discs.entrySet().stream().map(e -> new CatalogViews.Disc(e.getKey(), e.getValue())).toList();
            return new CatalogViews.AlbumDetail(album, Optional.ofNullable(label), Optional.ofNullable(mbid),
                    Optional.ofNullable(originalDate), genres, discList);
        });
    }

    // ------------------------------------------------------------------ tracks and genres

    public CatalogViews.Page<CatalogViews.Track> tracks(Caller caller, String sortName, Optional<Long> genreId, Optional<String> after,
                                                        PageLimit limit) {
        boolean recent = switch (sortName.toLowerCase(Locale.ROOT)) {
            case "title" -> false;
            case "recent" -> true;
            default -> throw ResonanceException.invalid("invalid_sort", "sort must be one of: title, recent");
        };
        int size = limit.value();
        Optional<Cursor> cursor = after.map(Cursor::decode);
        return db.read(c -> {
            Optional<Long[]> libs = libraries(c, caller);
            List<Object> params = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE t.missing_since IS NULL");
            if (libs.isPresent()) {
                where.append(" AND t.library_id = ANY (?)");
                params.add(c.createArrayOf("bigint", libs.get()));
            }
            genreId.ifPresent(g -> {
                where.append(" AND EXISTS (SELECT 1 FROM track_genres tg WHERE tg.track_id = t.id AND tg.genre_id = ?)");
                params.add(g);
            });
            List<Object> countParams = List.copyOf(params);
            String key = recent ? "t.created_at" : "t.sort_title";
            String dir = recent ? "DESC" : "ASC";
            if (cursor.isPresent()) {
                where.append(" AND (").append(key).append(", t.id) ").append(recent ? "<" : ">").append(" (?, ?)");
                params.add(recent ? sortValue(AlbumSort.RECENT, cursor.get().value()) : cursor.get().value());
                params.add(cursor.get().id());
            }
            String sql = "SELECT " + TRACK_COLUMNS + ", " + key + TRACKS + where
                    + " ORDER BY " + key + " " + dir + ", t.id " + dir;
            // unfiltered, the total is the sum of the album counts scans keep, not a count over every track
            String countSql = libs.isEmpty() && genreId.isEmpty() ? "SELECT coalesce(sum(track_count), 0) FROM albums"
                    : "SELECT count(*) FROM tracks t" + where;
            CatalogViews.Page<CatalogViews.Track> page = page(c, sql, params, size, CatalogQueries::track, 26, CatalogViews.Track::id,
                    cursor.isEmpty() ? Optional.of(countSql) : Optional.empty(), countParams);
            return page;
        });
    }

    public CatalogViews.Track track(Caller caller, long id) {
        return db.read(c -> {
            Optional<Long[]> libs = libraries(c, caller);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TRACK_COLUMNS + TRACKS
                    + " WHERE t.id = ? AND t.missing_since IS NULL" + (libs.isPresent() ? " AND t.library_id = ANY (?)" : ""))) {
                ps.setLong(1, id);
                if (libs.isPresent()) {
                    ps.setArray(2, c.createArrayOf("bigint", libs.get()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ResonanceException.notFound("No track " + id);
                    }
                    return track(rs);
                }
            }
        });
    }

    public List<CatalogViews.Genre> genres(Caller caller) {
        return db.read(c -> {
            Optional<Long[]> libs = libraries(c, caller);
            List<CatalogViews.Genre> genres = new ArrayList<>();
            String sql = libs.isEmpty()
                    ? "SELECT id, name, album_count, track_count FROM genres WHERE track_count > 0 ORDER BY name_key"
                    : "SELECT g.id, g.name, count(DISTINCT t.album_id), count(*) FROM genres g"
                    + " JOIN track_genres tg ON tg.genre_id = g.id JOIN tracks t ON t.id = tg.track_id"
                    + " WHERE t.missing_since IS NULL AND t.library_id = ANY (?) GROUP BY g.id, g.name ORDER BY g.name_key";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (libs.isPresent()) {
                    ps.setArray(1, c.createArrayOf("bigint", libs.get()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        genres.add(new CatalogViews.Genre(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
            return genres;
        });
    }

    // ------------------------------------------------------------------ items by id (search hits)

    /** The tracks of {@code ids} the caller may see, in the order of {@code ids}; the others are left out. */
    public List<CatalogViews.Track> tracksById(Caller caller, List<Long> ids) {
        return ids.isEmpty() ? List.of() : db.read(c -> tracksById(c, libraries(c, caller), ids));
    }

    /** {@link #tracksById(Caller, List)} on {@code c} for a caller limited to {@code libs} ({@link #libraries}). */
    public static List<CatalogViews.Track> tracksById(Connection c, Optional<Long[]> libs, List<Long> ids) throws SQLException {
        return byId(c, libs, ids, "SELECT " + TRACK_COLUMNS + TRACKS + " WHERE t.id = ANY (?) AND t.missing_since IS NULL",
                " AND t.library_id = ANY (?)", 1, CatalogQueries::track, CatalogViews.Track::id);
    }

    /**
     * The present tracks of each of {@code albumIds} the caller may see, in the album page's order (disc, track number,
     * title), in one statement: GraphQL asks the tracks of every album of a list at once.
     */
    public Map<Long, List<CatalogViews.Track>> tracksOfAlbums(Caller caller, java.util.Collection<Long> albumIds) {
        if (albumIds.isEmpty()) {
            return Map.of();
        }
        return db.read(c -> {
            Optional<Long[]> libs = libraries(c, caller);
            Map<Long, List<CatalogViews.Track>> tracks = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + TRACK_COLUMNS + TRACKS
                    + " WHERE t.album_id = ANY (?) AND t.missing_since IS NULL" + (libs.isPresent() ? " AND t.library_id = ANY (?)" : "")
                    + " ORDER BY t.album_id, coalesce(t.disc_number, 1), t.track_number NULLS LAST, t.sort_title, t.id")) {
                ps.setArray(1, c.createArrayOf("bigint", albumIds.toArray()));
                if (libs.isPresent()) {
                    ps.setArray(2, c.createArrayOf("bigint", libs.get()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CatalogViews.Track track = track(rs);
                        tracks.computeIfAbsent(track.albumId().orElseThrow(), a -> new ArrayList<>()).add(track);
                    }
                }
            }
            return tracks;
        });
    }

    /** The albums of {@code ids} the caller may see (with present tracks), in the order of {@code ids}. */
    public List<CatalogViews.Album> albumsById(Caller caller, List<Long> ids) {
        return ids.isEmpty() ? List.of() : db.read(c -> albumsById(c, libraries(c, caller), ids));
    }

    /** {@link #albumsById(Caller, List)} on {@code c} for a caller limited to {@code libs} ({@link #libraries}). */
    public static List<CatalogViews.Album> albumsById(Connection c, Optional<Long[]> libs, List<Long> ids) throws SQLException {
        return byId(c, libs, ids, "SELECT " + ALBUM_COLUMNS + ALBUMS + " WHERE a.id = ANY (?) AND a.track_count > 0",
                " AND a.library_id = ANY (?)", 1, CatalogQueries::album, CatalogViews.Album::id);
    }

    /** The artists of {@code ids} the caller may see (as the artist list shows them), in the order of {@code ids}. */
    public List<CatalogViews.Artist> artistsById(Caller caller, List<Long> ids) {
        return ids.isEmpty() ? List.of() : db.read(c -> artistsById(c, libraries(c, caller), ids));
    }

    /** {@link #artistsById(Caller, List)} on {@code c} for a caller limited to {@code libs} ({@link #libraries}). */
    public static List<CatalogViews.Artist> artistsById(Connection c, Optional<Long[]> libs, List<Long> ids) throws SQLException {
        return byId(c, libs, ids, "SELECT ar.id, ar.name, ar.mbid, ar.image_id FROM artists ar WHERE ar.id = ANY (?)"
                        + " AND (ar.track_count > 0 OR ar.album_count > 0)", " AND " + ARTIST_IN_LIBRARIES, 2,
                rs -> new CatalogViews.Artist(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), optLong(rs, 4)),
                CatalogViews.Artist::id);
    }

    /**
     * Runs {@code sql} (its one parameter: the ids) plus, for a caller limited to {@code libs}, {@code libraryFilter}
     * (with {@code libraryParams} parameters, each the libraries); returns the rows in the order of {@code ids}.
     */
    private static <T> List<T> byId(Connection c, Optional<Long[]> libs, List<Long> ids, String sql, String libraryFilter,
                                    int libraryParams, RowMapper<T> mapper, java.util.function.ToLongFunction<T> id) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, T> found = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql + (libs.isPresent() ? libraryFilter : ""))) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            if (libs.isPresent()) {
                Array array = c.createArrayOf("bigint", libs.get());
                for (int i = 0; i < libraryParams; i++) {
                    ps.setArray(2 + i, array);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    T item = mapper.map(rs);
                    found.put(id.applyAsLong(item), item);
                }
            }
        }
        List<T> ordered = new ArrayList<>(found.size());
        for (long i : ids) {
            T item = found.remove(i);
            if (item != null) {
                ordered.add(item);
            }
        }
        return ordered;
    }

    // ------------------------------------------------------------------ mapping helpers

    /** One row of a result as a value. */
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a keyset page query (size + 1 rows, to learn whether more follow) whose column {@code sortColumn} holds the
     * sort key; counts with {@code countSql} on a first page. The limit is written into the SQL, not bound: with a
     * bound LIMIT PostgreSQL plans every execution afresh (its generic plan assumes a large result), with a literal one
     * the driver's prepared statement keeps one plan, which saves a third of the query's time on a track page.
     */
    private <T> CatalogViews.Page<T> page(Connection c, String sql, List<Object> params, int size, RowMapper<T> mapper,
                                                 int sortColumn, java.util.function.ToLongFunction<T> id, Optional<String> countSql,
                                                 List<Object> countParams) throws SQLException {
        List<T> items = new ArrayList<>();
        String lastValue = null;
        boolean more = false;
        try (PreparedStatement ps = c.prepareStatement(sql + " LIMIT " + (size + 1))) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == size) {
                        more = true;
                        break;
                    }
                    items.add(mapper.map(rs));
                    Object v = rs.getObject(sortColumn);
                    lastValue = v instanceof Timestamp ts ? Long.toString(Cursor.micros(ts)) : String.valueOf(v);
                }
            }
        }
        Optional<String> next = more ? Optional.of(new Cursor(lastValue, id.applyAsLong(items.get(items.size() - 1))).encode())
                : Optional.empty();
        Optional<Long> total = countSql.isPresent()
                ? Optional.of(totals.get(countSql.get() + " " + describe(countParams), () -> countWith(c, countSql.get(), countParams)))
                : Optional.empty();
        return new CatalogViews.Page<>(items, next, total);
    }

    /** Runs an album query whose parameters are: the library filter (if any), then {@code ids}. */
    private static List<CatalogViews.Album> albumList(Connection c, String sql, Optional<Long[]> libs, long... ids) throws SQLException {
        List<CatalogViews.Album> albums = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (libs.isPresent()) {
                ps.setArray(i++, c.createArrayOf("bigint", libs.get()));
            }
            for (long id : ids) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    albums.add(album(rs));
                }
            }
        }
        return albums;
    }

    private static CatalogViews.Album album(ResultSet rs) throws SQLException {
        return new CatalogViews.Album(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getString(4),
                CatalogJson.albumArtists(rs.getString(13)), optInt(rs, 5), Optional.ofNullable(rs.getString(6)), rs.getBoolean(7),
                optLong(rs, 8), List.of(strings(rs.getArray(12))), rs.getInt(9), rs.getLong(10), rs.getTimestamp(11).toInstant());
    }

    /** A track as the browse API shows it, from a row whose first columns are {@link #TRACK_COLUMNS}. */
    public static CatalogViews.Track track(ResultSet rs) throws SQLException {
        return new CatalogViews.Track(rs.getLong(1), rs.getString(2), rs.getString(3), CatalogJson.credits(rs.getString(25)), optLong(rs, 4), rs.getString(5),
                optInt(rs, 6), optInt(rs, 7), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getInt(11), rs.getInt(12),
                rs.getInt(13), rs.getInt(14), optInt(rs, 15),
                new CatalogViews.ReplayGain(optFloat(rs, 16), optFloat(rs, 17), optFloat(rs, 18), optFloat(rs, 19)), optFloat(rs, 20),
                Optional.ofNullable(rs.getString(21)), rs.getBoolean(22), Optional.ofNullable(rs.getString(23)),
                rs.getTimestamp(24).toInstant());
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    /** A nullable column as an Optional. */
    public static Optional<Long> optLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    public static Optional<Integer> optInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    public static Optional<Float> optFloat(ResultSet rs, int column) throws SQLException {
        float v = rs.getFloat(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    private static <E extends Enum<E>> E sort(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ResonanceException.invalid("invalid_sort", "sort must be one of: "
                    + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList()));
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** Query parameters as a cache key (SQL arrays by their elements). */
    private static String describe(List<Object> params) throws SQLException {
        StringBuilder key = new StringBuilder();
        for (Object p : params) {
            key.append(p instanceof Array a ? java.util.Arrays.toString((Object[]) a.getArray()) : String.valueOf(p)).append('|');
        }
        return key.toString();
    }

    private static long countWith(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
