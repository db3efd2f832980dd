package dev.resonance.impl.library.scan;

import static dev.resonance.impl.library.scan.BulkRows.Column.bool;
import static dev.resonance.impl.library.scan.BulkRows.Column.bytea;
import static dev.resonance.impl.library.scan.BulkRows.Column.float4;
import static dev.resonance.impl.library.scan.BulkRows.Column.int4;
import static dev.resonance.impl.library.scan.BulkRows.Column.int8;
import static dev.resonance.impl.library.scan.BulkRows.Column.jsonb;
import static dev.resonance.impl.library.scan.BulkRows.Column.text;
import static dev.resonance.impl.library.scan.BulkRows.Column.uuid;

import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.impl.library.Names;
import dev.resonance.impl.library.browse.CatalogJson;
import dev.resonance.impl.library.browse.CatalogViews;
import dev.resonance.impl.library.search.SearchIndex;
import dev.resonance.impl.library.search.SearchText;
import dev.resonance.impl.library.tags.AudioTags;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Writes scanned files into the catalog in batches, on one connection, one transaction per batch. Artists,
 * genres and albums are resolved through in-memory caches loaded once per scan, so a batch of 500 files costs a
 * handful of batched statements, not thousands of round trips. Embedded lyrics ({@code track_lyrics}) are written with
 * their tracks; a batch in which no file has lyrics, and no row had any before, costs no statement for them.
 *
 * <p>A track's {@code updated_at} moves whenever what the catalog holds for it changes: its row, its links (credits,
 * genres, lyrics), its path (a move); plugins follow the catalog's changes by it.
 */
final class CatalogWriter {

    /**
     * A track row as the scanner needs it to diff the folder against the catalog; {@code index} numbers the rows of
     * one load (0..n-1), for per-scan flags kept beside the map; {@code lyrics}: it has {@code track_lyrics} rows.
     */
    record KnownTrack(int index, long id, String path, long size, long mtime, boolean missing, boolean lyrics) {
    }

    /**
     * What a batch did: files new to the catalog, files whose catalog entry changed (row or links; a file read again
     * that says nothing new is not counted), files that moved.
     */
    record Written(int added, int updated, int moved) {
    }

    private final Connection connection;
    private final long libraryId;
    private final Map<String, Long> artists = new HashMap<>();
    /** Artist names as stored (the first spelling seen), for the read copies of credits on tracks and albums. */
    private final Map<Long, String> artistNames = new HashMap<>();
    private final Map<String, Long> genres = new HashMap<>();
    private final Map<String, Long> albums = new HashMap<>();
    /** The normalised search texts this batch wrote, for the word list ({@link SearchIndex#addWords}). */
    private final List<String> searchTexts = new ArrayList<>();

    CatalogWriter(Connection connection, long libraryId) throws SQLException {
        this.connection = connection;
        this.libraryId = libraryId;
        try (PreparedStatement ps = connection.prepareStatement("SELECT name_key, id, name FROM artists"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                artists.put(rs.getString(1), rs.getLong(2));
                artistNames.put(rs.getLong(2), rs.getString(3));
            }
        }
        load("SELECT name_key, id FROM genres", genres);
        try (PreparedStatement ps = connection.prepareStatement("SELECT album_key, id FROM albums WHERE library_id = ?")) {
            ps.setLong(1, libraryId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    albums.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
    }

    private void load(String sql, Map<String, Long> into) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.put(rs.getString(1), rs.getLong(2));
            }
        }
    }

    static Map<String, KnownTrack> knownTracks(Connection c, long libraryId) throws SQLException {
        Map<String, KnownTrack> known = new HashMap<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // the driver fetches in chunks only inside a transaction: 100k rows never sit in memory twice
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, path, file_size, file_mtime, missing_since IS NOT NULL, has_lyrics FROM tracks WHERE library_id = ?")) {
            ps.setLong(1, libraryId);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    KnownTrack t = new KnownTrack(known.size(), rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getBoolean(5), rs.getBoolean(6));
                    known.put(t.path(), t);
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(autoCommit);
        }
        return known;
    }

    /** Finds the catalog row a new file may take over: a track with the same persistent id whose file is gone. */
    interface MoveFinder {
        Optional<KnownTrack> take(String pid) throws SQLException;
    }

    /**
     * Writes one batch and commits it.
     *
     * @param known   catalog rows by path (this scan's view; updated for moves)
     * @param moves   where a new file finds the row of the same track under its old path
     */
    Written write(List<TrackFacts> batch, Map<String, KnownTrack> known, MoveFinder moves) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            // a batch lost to a crash is read again by the next scan (its files still differ from the catalog): no
            // need to wait for the WAL flush of each of a cold scan's 200 commits (it only ever loses, never corrupts)
            try (var s = connection.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
            }
            resolveArtists(batch);
            resolveGenres(batch);
            Map<String, Long> albumIds = upsertAlbums(batch);
            int moved = 0;
            int added = 0;
            boolean[] cataloged = new boolean[batch.size()]; // already in the catalog under this path
            boolean lyrics = false; // some file has lyrics, or some row had them
            try (PreparedStatement move = connection.prepareStatement(
                    "UPDATE tracks SET path = ?, missing_since = NULL, updated_at = now() WHERE id = ?")) {
                for (int i = 0; i < batch.size(); i++) {
                    TrackFacts f = batch.get(i);
                    KnownTrack current = known.get(f.file().relativePath());
                    cataloged[i] = current != null;
                    lyrics |= f.tags().hasLyrics() || cataloged[i] && current.lyrics();
                    if (!cataloged[i]) {
                        KnownTrack previous = moves.take(f.pid()).orElse(null);
                        if (previous != null) {
                            lyrics |= previous.lyrics();
                            move.setString(1, f.file().relativePath());
                            move.setLong(2, previous.id());
                            move.addBatch();
                            known.remove(previous.path());
                            moved++;
                        } else {
                            added++;
                        }
                    }
                }
                move.executeBatch();
            }
            Set<Long> changed = new HashSet<>();
            List<Long> trackIds = upsertTracks(batch, albumIds, changed);
            Set<Long> relinked = writeTrackLinks(batch, trackIds);
            if (lyrics) {
                relinked.addAll(writeLyrics(batch, trackIds));
            }
            relinked.removeAll(changed);
            touch(relinked);
            changed.addAll(relinked);
            syncAlbumGenres(connection, batch.stream().map(f -> albumIds.get(f.albumKey())).distinct().toList());
            SearchIndex.addWords(connection, searchTexts);
            connection.commit();
            int updated = 0;
            for (int i = 0; i < batch.size(); i++) {
                if (cataloged[i] && changed.contains(trackIds.get(i))) {
                    updated++;
                }
            }
            return new Written(added, updated, moved);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            searchTexts.clear();
            connection.setAutoCommit(autoCommit);
        }
    }

    private void resolveArtists(List<TrackFacts> batch) throws SQLException {
        Map<String, String> missing = new LinkedHashMap<>();
        for (TrackFacts f : batch) {
            for (String name : f.allArtistNames()) {
                String key = Names.key(name);
                if (!artists.containsKey(key)) {
                    missing.putIfAbsent(key, name);
                }
            }
        }
        insertNamed("INSERT INTO artists (name, sort_name, search_name, search_context, name_key) VALUES (?, ?, ?, '', ?)"
                + " ON CONFLICT (name_key) DO UPDATE SET name_key = excluded.name_key RETURNING id, name", missing, artists, artistNames);
    }

    private void resolveGenres(List<TrackFacts> batch) throws SQLException {
        Map<String, String> missing = new LinkedHashMap<>();
        for (TrackFacts f : batch) {
            for (String genre : f.tags().genres()) {
                String key = Names.key(genre);
                if (!key.isEmpty() && !genres.containsKey(key)) {
                    missing.putIfAbsent(key, genre);
                }
            }
        }
        insertNamed("INSERT INTO genres (name, name_key) VALUES (?, ?)"
                + " ON CONFLICT (name_key) DO UPDATE SET name_key = excluded.name_key RETURNING id", missing, genres, null);
    }

    /** Inserts named rows; with {@code names} (artists) the statement also returns the stored name and sets a sort name. */
    private void insertNamed(String sql, Map<String, String> missing, Map<String, Long> cache, Map<Long, String> names) throws SQLException {
        if (missing.isEmpty()) {
            return;
        }
        boolean withSort = names != null;
        try (PreparedStatement ps = connection.prepareStatement(sql, withSort ? new String[] {"id", "name"} : new String[] {"id"})) {
            for (Map.Entry<String, String> e : missing.entrySet()) {
                int i = 1;
                ps.setString(i++, e.getValue().strip());
                if (withSort) {
                    ps.setString(i++, Names.sortKey(e.getValue()));
                    String searchName = SearchText.normalize(e.getValue());
                    ps.setString(i++, searchName);
                    searchTexts.add(searchName);
                }
                ps.setString(i, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                for (String key : missing.keySet()) {
                    keys.next();
                    cache.put(key, keys.getLong(1));
                    if (withSort) {
                        names.put(keys.getLong(1), keys.getString(2));
                    }
                }
            }
        }
    }

    private Map<String, Long> upsertAlbums(List<TrackFacts> batch) throws SQLException {
        Map<String, TrackFacts> byKey = new LinkedHashMap<>();
        for (TrackFacts f : batch) {
            byKey.putIfAbsent(f.albumKey(), f);
        }
        BulkRows rows = new BulkRows(text("album_key"), text("title"), text("sort_title"), text("version"), text("artist_display"),
                text("release_date"), int4("year"), text("original_date"), text("label"), bool("compilation"), uuid("mbid"),
                uuid("release_group_mbid"), jsonb("artists"), text("search_name"), text("search_context"));
        for (TrackFacts f : byKey.values()) {
            AudioTags t = f.tags();
            String searchName = SearchText.normalize(f.albumTitle());
            List<String> context = new ArrayList<>(f.albumArtists());
            t.albumVersion().ifPresent(context::add);
            String searchContext = SearchText.join(context);
            searchTexts.add(searchName);
            searchTexts.add(searchContext);
            rows.add(f.albumKey(), f.albumTitle(), Names.sortKey(f.albumTitle()), t.albumVersion().orElse(null),
                    f.albumArtistDisplay().orElse(""), t.date().orElse(null), t.year().orElse(null), t.originalDate().orElse(null),
                    t.label().orElse(null), t.compilation() || f.albumArtists().equals(List.of(TrackFacts.VARIOUS_ARTISTS)),
                    uuidOf(t.musicBrainzReleaseId()), uuidOf(t.musicBrainzReleaseGroupId()),
                    CatalogJson.albumArtists(albumArtistIds(f).stream().map(id -> new CatalogViews.ArtistRef(id, artistNames.get(id))).toList()),
                    searchName, searchContext);
        }
        Map<String, String> set = new LinkedHashMap<>();
        for (String column : List.of("title", "sort_title", "version", "artist_display", "artists", "compilation", "search_name",
                "search_context")) {
            set.put(column, "excluded." + column);
        }
        // what a track of the album leaves out does not erase what another one said
        for (String column : List.of("release_date", "year", "original_date", "label", "mbid", "release_group_mbid")) {
            set.put(column, "coalesce(excluded." + column + ", albums." + column + ")");
        }
        upsert("albums", "album_key", rows, set, (key, id) -> albums.put(key, id));
        // an unchanged album is not returned: its id is known since the writer started or its first batch
        List<Long> ids = byKey.keySet().stream().map(albums::get).toList();
        BulkRows artistLinks = new BulkRows(int8("album_id"), int8("artist_id"), int4("position"));
        for (Map.Entry<String, TrackFacts> e : byKey.entrySet()) {
            long albumId = albums.get(e.getKey());
            int position = 0;
            for (long artistId : albumArtistIds(e.getValue())) {
                artistLinks.add(albumId, artistId, position++);
            }
        }
        syncLinks("album_artists", ids, artistLinks, "album_id", "artist_id");
        return albums;
    }

    /** Writes the batch's track rows; adds to {@code changed} the ids of the rows written (new or changed). */
    private List<Long> upsertTracks(List<TrackFacts> batch, Map<String, Long> albumIds, Set<Long> changed) throws SQLException {
        BulkRows rows = new BulkRows(int8("album_id"), text("pid"), text("path"), int8("file_size"), int8("file_mtime"), text("format"),
                text("codec"), int8("duration_ms"), int4("bitrate_kbps"), int4("sample_rate"), int4("bit_depth"), int4("channels"),
                text("title"), text("sort_title"), text("artist_display"), int4("disc_number"), int4("disc_total"),
                int4("track_number"), int4("track_total"), int4("year"), float4("rg_track_gain"), float4("rg_track_peak"),
                float4("rg_album_gain"), float4("rg_album_peak"), float4("bpm"), text("isrc"), text("comment"), bool("has_lyrics"),
                uuid("mbid_recording"), uuid("mbid_track"), jsonb("credits"), text("search_name"), text("search_context"));
        for (TrackFacts f : batch) {
            AudioTags t = f.tags();
            String searchName = SearchText.normalize(f.title());
            List<String> context = new ArrayList<>(new LinkedHashSet<>(f.credits().stream().map(AudioTags.Credit::name).toList()));
            context.add(f.albumTitle());
            String searchContext = SearchText.join(context);
            searchTexts.add(searchName);
            searchTexts.add(searchContext);
            rows.add(albumIds.get(f.albumKey()), f.pid(), f.file().relativePath(), f.file().size(), f.file().mtimeMillis(), t.format(),
                    t.codec(), t.durationMillis(), t.bitrateKbps(), t.sampleRate(), t.bitDepth(), t.channels(),
                    f.title(), Names.sortKey(f.title()), f.artistDisplay(), t.discNumber().orElse(null), t.discTotal().orElse(null),
                    t.trackNumber().orElse(null), t.trackTotal().orElse(null), t.year().orElse(null), real(t.replayGainTrackGain()),
                    real(t.replayGainTrackPeak()), real(t.replayGainAlbumGain()), real(t.replayGainAlbumPeak()), real(t.bpm()),
                    t.isrc().orElse(null), t.comment().map(c -> c.length() > 2000 ? c.substring(0, 2000) : c).orElse(null),
                    t.hasLyrics(), uuidOf(t.musicBrainzRecordingId()), uuidOf(t.musicBrainzTrackId()),
                    CatalogJson.credits(trackCredits(f).stream()
                            .map(c -> new CatalogViews.Credit(c.artistId(), artistNames.get(c.artistId()), c.role())).toList()),
                    searchName, searchContext);
        }
        Map<String, String> set = new LinkedHashMap<>();
        for (String column : rows.columnNames()) {
            if (!column.equals("path")) {
                set.put(column, "excluded." + column);
            }
        }
        set.put("missing_since", "NULL::timestamptz");
        Map<String, Long> idByPath = new HashMap<>(batch.size() * 2);
        upsert("tracks", "path", rows, set, (path, id) -> {
            idByPath.put(path, id);
            changed.add(id);
        });
        // a row whose file says nothing new is left as it is (no new row version, updated_at kept) and not returned
        String[] unchanged = batch.stream().map(f -> f.file().relativePath()).filter(path -> !idByPath.containsKey(path))
                .toArray(String[]::new);
        if (unchanged.length > 0) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT id, path FROM tracks WHERE library_id = ? AND path = ANY (?)")) {
                ps.setLong(1, libraryId);
                ps.setArray(2, connection.createArrayOf("text", unchanged));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        idByPath.put(rs.getString(2), rs.getLong(1));
                    }
                }
            }
        }
        List<Long> ids = new ArrayList<>(batch.size());
        for (TrackFacts f : batch) {
            Long id = idByPath.get(f.file().relativePath());
            if (id == null) {
                throw new SQLException("no track id returned for " + f.file().relativePath());
            }
            ids.add(id);
        }
        return ids;
    }

    /** A track's credited artist and role, once each, in credit order (the key of {@code track_artists}). */
    private record TrackCredit(long artistId, String role) {
    }

    private List<TrackCredit> trackCredits(TrackFacts f) {
        LinkedHashSet<TrackCredit> credits = new LinkedHashSet<>();
        for (AudioTags.Credit credit : f.credits()) {
            credits.add(new TrackCredit(artists.get(Names.key(credit.name())), credit.role().apiName()));
        }
        return List.copyOf(credits);
    }

    /** An album's artists, once each, in credit order (the key of {@code album_artists}). */
    private List<Long> albumArtistIds(TrackFacts f) {
        LinkedHashSet<Long> ids = new LinkedHashSet<>();
        for (String name : f.albumArtists()) {
            ids.add(artists.get(Names.key(name)));
        }
        return List.copyOf(ids);
    }

    /** Writes the batch's credits and genres; returns the tracks whose links changed. */
    private Set<Long> writeTrackLinks(List<TrackFacts> batch, List<Long> trackIds) throws SQLException {
        BulkRows credits = new BulkRows(int8("track_id"), int8("artist_id"), text("role"), int4("position"));
        BulkRows genreLinks = new BulkRows(int8("track_id"), int8("genre_id"));
        for (int n = 0; n < batch.size(); n++) {
            TrackFacts f = batch.get(n);
            long trackId = trackIds.get(n);
            int position = 0;
            for (TrackCredit credit : trackCredits(f)) {
                credits.add(trackId, credit.artistId(), credit.role(), position++);
            }
            for (String genre : f.tags().genres()) {
                Long genreId = genres.get(Names.key(genre));
                if (genreId != null) {
                    genreLinks.add(trackId, genreId);
                }
            }
        }
        Set<Long> changed = syncLinks("track_artists", trackIds, credits, "track_id", "artist_id", "role");
        changed.addAll(syncLinks("track_genres", trackIds, genreLinks, "track_id", "genre_id"));
        return changed;
    }

    /**
     * Makes the batch's {@code track_lyrics} rows what the files hold (the rows of a file that lost its lyrics go);
     * returns the tracks whose rows changed. An unchanged file read again rewrites nothing.
     */
    private Set<Long> writeLyrics(List<TrackFacts> batch, List<Long> trackIds) throws SQLException {
        BulkRows rows = new BulkRows(int8("track_id"), int4("position"), text("kind"), text("language"), text("description"),
                bytea("data"));
        for (int n = 0; n < batch.size(); n++) {
            int position = 0;
            for (EmbeddedLyrics lyrics : batch.get(n).tags().lyrics()) {
                rows.add(trackIds.get(n), position++, lyrics.kind().name(), lyrics.language(), lyrics.description(), lyrics.data());
            }
        }
        return syncLinks("track_lyrics", trackIds, rows, "track_id", "position");
    }

    /** Moves {@code updated_at} of tracks whose links changed while their row did not. */
    private void touch(Set<Long> trackIds) throws SQLException {
        if (trackIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("UPDATE tracks SET updated_at = now() WHERE id = ANY (?)")) {
            ps.setArray(1, connection.createArrayOf("bigint", trackIds.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Inserts this library's {@code rows} into {@code table}, or updates the row with the same {@code key} where
     * {@code set} would change it; {@code each} gets the id and key of every row inserted or changed (not of rows
     * left as they were).
     */
    private void upsert(String table, String key, BulkRows rows, Map<String, String> set,
                        java.util.function.ObjLongConsumer<String> each) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO " + table + " (library_id, " + rows.names() + ") SELECT ?, " + rows.select() + " FROM " + rows.table()
                        + " ON CONFLICT (library_id, " + key + ") DO " + updateIfChanged(table, set, "updated_at = now()")
                        + " RETURNING id, " + key)) {
            ps.setLong(1, libraryId);
            rows.bind(connection, ps, 2);
            try (ResultSet written = ps.executeQuery()) {
                while (written.next()) {
                    each.accept(written.getString(2), written.getLong(1));
                }
            }
        }
    }

    /**
     * {@code UPDATE SET column = expression, ...} (then {@code also}, e.g. {@code updated_at = now()}) for an upsert
     * into {@code table}, only where some column would change: writing what is already there makes no new row
     * version (and keeps updated_at).
     */
    private static String updateIfChanged(String table, Map<String, String> set, String... also) {
        StringJoiner assignments = new StringJoiner(", ", "UPDATE SET ", "");
        StringJoiner current = new StringJoiner(", ", "(", ")");
        StringJoiner next = new StringJoiner(", ", "(", ")");
        set.forEach((column, expression) -> {
            assignments.add(column + " = " + expression);
            current.add(table + "." + column);
            next.add(expression);
        });
        List.of(also).forEach(assignments::add);
        return assignments + " WHERE " + current + " IS DISTINCT FROM " + next;
    }

    /**
     * Makes the links of {@code owners} in {@code table} exactly {@code rows}, whose first {@code key} column names
     * the owner and whose {@code key} columns are the table's primary key; writes only what differs, so an unchanged
     * file rescanned deletes and inserts no link rows. Returns the owners whose links changed.
     */
    private Set<Long> syncLinks(String table, List<Long> owners, BulkRows rows, String... key) throws SQLException {
        Set<Long> changed = new HashSet<>();
        StringJoiner same = new StringJoiner(" AND ");
        for (String column : key) {
            same.add("u." + column + " = l." + column);
        }
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table + " l WHERE l." + key[0] + " = ANY (?)"
                + " AND NOT EXISTS (SELECT 1 FROM " + rows.table() + " WHERE " + same + ") RETURNING l." + key[0])) {
            ps.setArray(1, connection.createArrayOf("bigint", owners.toArray()));
            rows.bind(connection, ps, 2);
            collect(ps, changed);
        }
        if (rows.isEmpty()) {
            return changed;
        }
        Map<String, String> others = new LinkedHashMap<>();
        for (String column : rows.columnNames()) {
            if (!List.of(key).contains(column)) {
                others.put(column, "excluded." + column);
            }
        }
        String onConflict = " ON CONFLICT (" + String.join(", ", key) + ") DO "
                + (others.isEmpty() ? "NOTHING" : updateIfChanged(table, others));
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " (" + rows.names() + ") SELECT "
                + rows.names() + " FROM " + rows.table() + onConflict + " RETURNING " + key[0])) {
            rows.bind(connection, ps, 1);
            collect(ps, changed);
        }
        return changed;
    }

    private static void collect(PreparedStatement ps, Set<Long> ids) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
    }

    /**
     * An album's genres are its present tracks' genres: made so for {@code albumIds} (those a batch wrote, or whose
     * tracks went missing or came back) from the catalog, writing only what differs.
     */
    static void syncAlbumGenres(Connection connection, List<Long> albumIds) throws SQLException {
        if (albumIds.isEmpty()) {
            return;
        }
        Array ids = connection.createArrayOf("bigint", albumIds.toArray());
        String genresOfTracks = "SELECT DISTINCT t.album_id, tg.genre_id FROM tracks t JOIN track_genres tg ON tg.track_id = t.id"
                + " WHERE t.album_id = ANY (?) AND t.missing_since IS NULL";
        try (PreparedStatement stale = connection.prepareStatement("DELETE FROM album_genres ag WHERE ag.album_id = ANY (?)"
                + " AND (ag.album_id, ag.genre_id) NOT IN (" + genresOfTracks + ")");
             PreparedStatement fresh = connection.prepareStatement("INSERT INTO album_genres (album_id, genre_id) " + genresOfTracks
                     + " ON CONFLICT DO NOTHING")) {
            stale.setArray(1, ids);
            stale.setArray(2, ids);
            stale.executeUpdate();
            fresh.setArray(1, ids);
            fresh.executeUpdate();
        }
    }

    private static Float real(Optional<Double> value) {
        return value.isPresent() && Double.isFinite(value.get()) ? value.get().floatValue() : null;
    }

    /** A MusicBrainz id as a UUID; null when absent or malformed (a tag may hold anything). */
    private static UUID uuidOf(Optional<String> value) {
        return value.flatMap(CatalogWriter::parseUuid).orElse(null);
    }

    private static Optional<UUID> parseUuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
