package dev.resonance.impl.library;

import dev.resonance.api.db.Database;
import dev.resonance.api.library.AlbumInfo;
import dev.resonance.api.library.ArtistInfo;
import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.CatalogPage;
import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.api.library.TrackInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog as plugins read it ({@link Catalog}), straight from the database: only present tracks (not missing),
 * whatever library they are in (plugins act for the server, not for a user). No permission checks here: the plugin
 * platform wraps this per plugin.
 */
public final class LibraryCatalog implements Catalog {

    /** TrackInfo columns 1-14. */
    private static final String TRACK = "SELECT t.id, t.title, t.artist_display,"
        + " (SELECT coalesce(array_agg(c.credit->>'name' ORDER BY c.n), '{}') FROM jsonb_array_elements(t.credits)"
        + " WITH ORDINALITY AS c(credit, n) WHERE c.credit->>'role' = 'performer'),"
        + " t.album_id, coalesce(al.title, ''), al.artist_display, t.disc_number, t.track_number, t.duration_ms, t.isrc,"
        + " t.mbid_recording, t.has_lyrics, t.updated_at"
        + " FROM tracks t LEFT JOIN albums al ON al.id = t.album_id WHERE t.missing_since IS NULL";

    private final Database db;

    public LibraryCatalog(Database db) {
        this.db = db;
    }

    @Override
    public Optional<TrackInfo> track(long id) {
        List<TrackInfo> found = tracks(TRACK + " AND t.id = ?", id);
        return found.stream().findFirst();
    }

    @Override
    public Optional<AlbumInfo> album(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.title, a.artist_display, a.year, a.mbid,"
                + " a.release_group_mbid, a.track_count FROM albums a WHERE a.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<AlbumInfo>empty();
                    }
                    return Optional.of(new AlbumInfo(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Optional.ofNullable((Integer) rs.getObject(4)), uuid(rs, 5), uuid(rs, 6), rs.getInt(7)));
                }
            }
        });
    }

    @Override
    public Optional<ArtistInfo> artist(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, mbid FROM artists WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new ArtistInfo(rs.getLong(1), rs.getString(2), uuid(rs, 3)))
                        : Optional.<ArtistInfo>empty();
                }
            }
        });
    }

    @Override
    public List<TrackInfo> tracksByRecordingMbid(UUID recordingMbid) {
        return tracks(TRACK + " AND t.mbid_recording = ? ORDER BY t.id", recordingMbid);
    }

    @Override
    public List<TrackInfo> tracksByIsrc(String isrc) {
        return tracks(TRACK + " AND upper(t.isrc) = ? ORDER BY t.id", isrc.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public CatalogPage<TrackInfo> tracks(Optional<String> after, int limit) {
        check(limit);
        long from = after.map(cursor -> cursor(cursor, "t")[0]).orElse(0L);
        List<TrackInfo> page = tracks(TRACK + " AND t.id > ? ORDER BY t.id LIMIT ?", from, limit + 1);
        boolean more = page.size() > limit;
        List<TrackInfo> items = more ? page.subList(0, limit) : page;
        return new CatalogPage<>(items, more ? Optional.of(encode("t", items.get(items.size() - 1).id())) : Optional.empty());
    }

    @Override
    public CatalogPage<TrackInfo> changedTracks(Optional<String> since, int limit) {
        check(limit);
        long[] from = since.map(cursor -> cursor(cursor, "c")).orElse(new long[] {Long.MIN_VALUE, 0L});
        Timestamp at = from[0] == Long.MIN_VALUE ? new Timestamp(0) : micros(from[0]);
        List<TrackInfo> items = tracks(TRACK + " AND (t.updated_at, t.id) > (?, ?) ORDER BY t.updated_at, t.id LIMIT ?",
            at, from[0] == Long.MIN_VALUE ? -1L : from[1], limit);
        if (items.isEmpty()) {
            return new CatalogPage<>(items, Optional.of(since.orElse(encode("c", Long.MIN_VALUE, 0L))));
        }
        TrackInfo last = items.get(items.size() - 1);
        return new CatalogPage<>(items, Optional.of(encode("c", micros(last.updatedAt()), last.id())));
    }

    @Override
    public List<EmbeddedLyrics> embeddedLyrics(long trackId) {
        return db.read(c -> {
            List<EmbeddedLyrics> lyrics = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT l.kind, l.language, l.description, l.data FROM track_lyrics l"
                + " JOIN tracks t ON t.id = l.track_id WHERE l.track_id = ? AND t.missing_since IS NULL ORDER BY l.position")) {
                ps.setLong(1, trackId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lyrics.add(new EmbeddedLyrics(EmbeddedLyrics.Kind.valueOf(rs.getString(1)), rs.getString(2),
                            rs.getString(3), rs.getBytes(4)));
                    }
                }
            }
            return lyrics;
        });
    }

    @Override
    public Optional<Path> file(long trackId) {
        Optional<String[]> row = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT l.path, t.path FROM tracks t JOIN libraries l"
                + " ON l.id = t.library_id WHERE t.id = ? AND t.missing_since IS NULL")) {
                ps.setLong(1, trackId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.<String[]>empty();
                }
            }
        });
        if (row.isEmpty()) {
            return Optional.empty();
        }
        try {
            LibraryRoot library = LibraryRoot.of(Path.of(row.get()[0]));
            // the library's one rule: a link leading out of the library is not followed
            return library.realInside(library.path().resolve(row.get()[1]));
        } catch (IOException e) {
            return Optional.empty(); // the library folder is gone
        }
    }

    private List<TrackInfo> tracks(String sql, Object... parameters) {
        return db.read(c -> {
            List<TrackInfo> tracks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tracks.add(track(rs));
                    }
                }
            }
            return tracks;
        });
    }

    private static TrackInfo track(ResultSet rs) throws SQLException {
        Array performers = rs.getArray(4);
        long album = rs.getLong(5);
        Optional<Long> albumId = rs.wasNull() ? Optional.empty() : Optional.of(album);
        return new TrackInfo(rs.getLong(1), rs.getString(2), rs.getString(3),
            Arrays.asList((String[]) performers.getArray()), albumId, rs.getString(6),
            albumId.isPresent() ? Optional.ofNullable(rs.getString(7)) : Optional.empty(),
            Optional.ofNullable((Integer) rs.getObject(8)), Optional.ofNullable((Integer) rs.getObject(9)), rs.getLong(10),
            Optional.ofNullable(rs.getString(11)), uuid(rs, 12), rs.getBoolean(13), rs.getTimestamp(14).toInstant());
    }

    private static Optional<UUID> uuid(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable((UUID) rs.getObject(column));
    }

    private static void check(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ", not " + limit);
        }
    }

    /** Microseconds since the epoch: PostgreSQL's timestamp precision, so a cursor is exact. */
    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static Timestamp micros(long micros) {
        return Timestamp.from(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L));
    }

    private static String encode(String kind, long... values) {
        StringBuilder text = new StringBuilder(kind);
        for (long value : values) {
            text.append(':').append(value);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The numbers in a cursor this class handed out for {@code kind}; anything else is an IllegalArgumentException. */
    private static long[] cursor(String cursor, String kind) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (!parts[0].equals(kind) || parts.length != (kind.equals("t") ? 2 : 3)) {
                throw new IllegalArgumentException("not a cursor of this listing: " + cursor);
            }
            long[] values = new long[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                values[i - 1] = Long.parseLong(parts[i]);
            }
            return values;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor this catalog handed out: " + cursor, e);
        }
    }
}
