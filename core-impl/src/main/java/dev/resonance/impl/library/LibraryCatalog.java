package dev.resonance.impl.library;

import dev.resonance.api.db.Database;
import dev.resonance.api.db.DatabaseException;
import dev.resonance.api.library.AlbumInfo;
import dev.resonance.api.library.ArtistInfo;
import dev.resonance.api.library.ArtistRole;
import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.CatalogPage;
import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.impl.db.DatabaseFailures;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.library.browse.CatalogViews;
import dev.resonance.impl.library.browse.Cursor;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog as plugins read it ({@link Catalog}), straight from the database: every library, present tracks only (a
 * track whose file went missing is not found, as in the browse API), tracks shaped from the browse API's own columns
 * ({@link CatalogQueries#TRACK_COLUMNS}). No permission check and no OSGi here: the core gives each plugin this catalog
 * behind a check of that plugin's permissions.
 *
 * <p>Pages are keyset pages on indexes: {@link #tracks} by id, {@link #changedTracks} by {@code (updated_at, id)}
 * ({@code CatalogWriter} moves a track's {@code updated_at} whenever what the catalog holds for it changes). A change
 * becomes visible when its transaction commits, but carries the time its transaction started: so a changes page ends
 * before the start of the oldest transaction still open in the database ({@code pg_stat_activity}, the core's own
 * connections), and a change committed late is not passed over by a cursor that has already moved beyond its time. A
 * transaction left open holds the feed back until it ends; nothing is lost.
 *
 * <p>A database that cannot be reached is {@code ResonanceException} {@code UNAVAILABLE} ({@link DatabaseFailures}); other
 * database failures stay {@link DatabaseException}.
 */
public final class LibraryCatalog implements Catalog {

    /** The browse API's track columns (1-25), the album's display artist (26) and the track's updated_at (27). */
    private static final String TRACK = "SELECT " + CatalogQueries.TRACK_COLUMNS + ", al.artist_display, t.updated_at"
            + CatalogQueries.TRACKS + " WHERE t.missing_since IS NULL";
    /** The start of the oldest transaction still open in this database: changes after it may still be committing. */
    private static final String HORIZON = "SELECT coalesce(min(xact_start), now()) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND backend_type = 'client backend'";
    /** What a {@link #tracks} cursor carries beside the last id, so that no other cursor passes for one. */
    private static final String TRACKS_CURSOR = "tracks";
    /** The changes cursor before any change. */
    private static final Cursor BEGINNING = new Cursor("0", 0);
    /** No change is later than this (the year 10000, in epoch microseconds): a cursor beyond was not handed out. */
    private static final long LAST_MICROS = 253_402_300_800_000_000L;

    private final Database db;

    public LibraryCatalog(Database db) {
        this.db = db;
    }

    @Override
    public Optional<TrackInfo> track(long id) {
        return first(TRACK + " AND t.id = ?", LibraryCatalog::trackInfo, id);
    }

    @Override
    public Optional<AlbumInfo> album(long id) {
        return first("SELECT id, title, artist_display, year, mbid, release_group_mbid, track_count FROM albums WHERE id = ?",
                rs -> new AlbumInfo(rs.getLong(1), rs.getString(2), rs.getString(3), Optional.ofNullable((Integer) rs.getObject(4)),
                        Optional.ofNullable(rs.getObject(5, UUID.class)), Optional.ofNullable(rs.getObject(6, UUID.class)), rs.getInt(7)),
                id);
    }

    @Override
    public Optional<ArtistInfo> artist(long id) {
        return first("SELECT id, name, mbid FROM artists WHERE id = ?",
                rs -> new ArtistInfo(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getObject(3, UUID.class))), id);
    }

    /** {@inheritDoc} The first {@link #MAX_PAGE} by id, should the library hold more. */
    @Override
    public List<TrackInfo> tracksByRecordingMbid(UUID recordingMbid) {
        return read(c -> rows(c, TRACK + " AND t.mbid_recording = ? ORDER BY t.id LIMIT " + MAX_PAGE, LibraryCatalog::trackInfo,
                recordingMbid));
    }

    /** {@inheritDoc} The first {@link #MAX_PAGE} by id, should the library hold more. */
    @Override
    public List<TrackInfo> tracksByIsrc(String isrc) {
        return read(c -> rows(c, TRACK + " AND upper(t.isrc) = upper(?) ORDER BY t.id LIMIT " + MAX_PAGE, LibraryCatalog::trackInfo,
                isrc.strip()));
    }

    @Override
    public CatalogPage<TrackInfo> tracks(Optional<String> after, int limit) {
        checkLimit(limit);
        long afterId = after.map(token -> cursor(token, "tracks()")).map(cursor -> {
            if (!cursor.value().equals(TRACKS_CURSOR)) {
                throw badCursor("tracks()");
            }
            return cursor.id();
        }).orElse(Long.MIN_VALUE);
        List<TrackInfo> items = read(c -> rows(c, TRACK + " AND t.id > ? ORDER BY t.id LIMIT " + (limit + 1), LibraryCatalog::trackInfo,
                afterId));
        if (items.size() <= limit) {
            return new CatalogPage<>(items, Optional.empty());
        }
        List<TrackInfo> page = items.subList(0, limit);
        return new CatalogPage<>(page, Optional.of(new Cursor(TRACKS_CURSOR, page.get(limit - 1).id()).encode()));
    }

    @Override
    public CatalogPage<TrackInfo> changedTracks(Optional<String> since, int limit) {
        checkLimit(limit);
        Cursor from = since.map(token -> {
            Cursor cursor = cursor(token, "changedTracks()");
            try {
                long micros = Long.parseLong(cursor.value());
                if (micros >= 0 && micros < LAST_MICROS) {
                    return cursor;
                }
            } catch (NumberFormatException e) {
                // not a changes cursor
            }
            throw badCursor("changedTracks()");
        }).orElse(BEGINNING);
        List<TrackInfo> items = read(c -> {
            Timestamp horizon;
            // its own statement, before the page's: what it finds still open had not committed when the page looks
            try (PreparedStatement ps = c.prepareStatement(HORIZON); ResultSet rs = ps.executeQuery()) {
                rs.next();
                horizon = rs.getTimestamp(1);
            }
            return rows(c, TRACK + " AND (t.updated_at, t.id) > (?, ?) AND t.updated_at < ? ORDER BY t.updated_at, t.id LIMIT " + limit,
                    LibraryCatalog::trackInfo, Cursor.timestamp(Long.parseLong(from.value())), from.id(), horizon);
        });
        // on the last page too: the caller keeps it and asks again later
        Cursor next = from;
        if (!items.isEmpty()) {
            TrackInfo last = items.get(items.size() - 1);
            next = new Cursor(Long.toString(Cursor.micros(Timestamp.from(last.updatedAt()))), last.id());
        }
        return new CatalogPage<>(items, Optional.of(next.encode()));
    }

    @Override
    public List<EmbeddedLyrics> embeddedLyrics(long trackId) {
        return read(c -> rows(c, "SELECT l.kind, l.language, l.description, l.data FROM track_lyrics l"
                + " JOIN tracks t ON t.id = l.track_id WHERE l.track_id = ? AND t.missing_since IS NULL ORDER BY l.position",
                rs -> new EmbeddedLyrics(EmbeddedLyrics.Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getBytes(4)),
                trackId));
    }

    /**
     * {@inheritDoc} As streaming finds it: the library's root and the track's path, only in an enabled library, and only
     * where the file really lies inside the library ({@link LibraryRoot#realInside}: a link leading out is not given).
     * Empty as well when the file is gone.
     */
    @Override
    public Optional<Path> file(long trackId) {
        Optional<String[]> paths = first("SELECT l.path, t.path FROM tracks t JOIN libraries l ON l.id = t.library_id"
                + " WHERE t.id = ? AND t.missing_since IS NULL AND l.enabled", rs -> new String[] {rs.getString(1), rs.getString(2)}, trackId);
        if (paths.isEmpty()) {
            return Optional.empty();
        }
        try {
            LibraryRoot library = LibraryRoot.of(Path.of(paths.get()[0]));
            return library.realInside(library.path().resolve(paths.get()[1]));
        } catch (IOException e) {
            return Optional.empty(); // the library's folder is gone
        }
    }

    /** The first row {@code sql} selects with {@code parameters}, if any. */
    private <T> Optional<T> first(String sql, CatalogQueries.RowMapper<T> row, Object... parameters) {
        return read(c -> rows(c, sql, row, parameters)).stream().findFirst();
    }

    /** The rows {@code sql} selects, its parameters bound in order. */
    private static <T> List<T> rows(Connection c, String sql, CatalogQueries.RowMapper<T> row, Object... parameters) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
            }
        }
        return rows;
    }

    /** A track from a row of {@link #TRACK}'s columns. */
    private static TrackInfo trackInfo(ResultSet rs) throws SQLException {
        CatalogViews.Track t = CatalogQueries.track(rs);
        List<String> performers = t.artists().stream().filter(a -> a.role().equals(ArtistRole.PERFORMER.apiName()))
                .map(CatalogViews.Credit::name).toList();
        return new TrackInfo(t.id(), t.title(), t.artist(), performers, t.albumId(), t.album(), Optional.ofNullable(rs.getString(26)),
                t.disc(), t.track(), t.durationMs(), t.isrc(), t.mbid().map(UUID::fromString), t.hasLyrics(),
                rs.getTimestamp(27).toInstant());
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", was " + limit);
        }
    }

    private static Cursor cursor(String token, String method) {
        try {
            return Cursor.parse(token);
        } catch (IllegalArgumentException e) {
            throw badCursor(method);
        }
    }

    private static IllegalArgumentException badCursor(String method) {
        return new IllegalArgumentException("not a cursor " + method + " of this catalog handed out");
    }

    /** Reads without a transaction; a database that cannot be reached is the domain's UNAVAILABLE. */
    private <T> T read(Database.SqlWork<T> work) {
        try {
            return db.read(work);
        } catch (DatabaseException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                throw DatabaseFailures.unavailable();
            }
            throw e;
        }
    }
}
