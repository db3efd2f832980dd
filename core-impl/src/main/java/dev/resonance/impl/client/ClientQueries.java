package dev.resonance.impl.client;

import static dev.resonance.impl.library.browse.CatalogQueries.optFloat;
import static dev.resonance.impl.library.browse.CatalogQueries.optInt;
import static dev.resonance.impl.library.browse.CatalogQueries.optLong;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.Album;
import dev.resonance.api.client.Artist;
import dev.resonance.api.client.AudioFile;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ItemRef;
import dev.resonance.api.client.Marks;
import dev.resonance.api.client.ReplayGain;
import dev.resonance.api.client.Song;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.library.ArtistRole;
import dev.resonance.api.search.SearchKind;
import dev.resonance.impl.library.Names;
import dev.resonance.impl.library.browse.CatalogJson;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.library.browse.CatalogViews;
import dev.resonance.impl.library.search.AlbumOrders;
import dev.resonance.impl.library.search.CatalogSearch;
import dev.resonance.impl.stream.TrackFiles;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link ClientCatalog} for one caller, on PostgreSQL: every item with the caller's likes, ratings and plays joined in
 * the same statement, limited to the libraries they may see (and the one a request names). Needs
 * {@code AccessCatalog}; reads go to the database on each call (the queries are index reads and one statement each).
 */
final class ClientQueries implements ClientCatalog {

    /** Song columns 1-35, read by {@link #song(ResultSet)}; bind the user id three times first. */
    private static final String SONGS = "SELECT t.id, t.title, t.artist_display, t.album_id, coalesce(al.title, ''),"
            + " coalesce(al.artist_display, ''), t.disc_number, t.track_number, t.year, t.duration_ms,"
            + " t.format, t.codec, t.file_size, t.bitrate_kbps, t.sample_rate, t.bit_depth, t.channels,"
            + " al.cover_image_id, t.rg_track_gain, t.rg_track_peak, t.rg_album_gain, t.rg_album_peak,"
            + " t.bpm, t.isrc, t.mbid_recording, t.has_lyrics, t.library_id, t.created_at, t.credits, al.artists,"
            // each genre's name looked up by key: a join here built a hash of every genre once per song
            + " ARRAY(SELECT (SELECT g.name FROM genres g WHERE g.id = tg.genre_id) AS name FROM track_genres tg WHERE tg.track_id = t.id"
            + " ORDER BY 1),"
            + " lt.liked_at, rt.rating, coalesce(up.play_count, 0), up.last_played_at"
            + " FROM tracks t LEFT JOIN albums al ON al.id = t.album_id"
            + " LEFT JOIN liked_tracks lt ON lt.user_id = ? AND lt.item_id = t.id"
            + " LEFT JOIN rated_tracks rt ON rt.user_id = ? AND rt.item_id = t.id"
            + " LEFT JOIN user_track_plays up ON up.user_id = ? AND up.track_id = t.id"
            + " WHERE t.missing_since IS NULL";

    /**
     * Album columns 1-20 with the genres as {@code genres} computes them and the user's likes and ratings (bind the user
     * id twice); plays are joined after it.
     */
    private static String albumRows(String genres) {
        return "SELECT a.id, a.title, a.version, a.artist_display, a.artists, a.year, a.release_date,"
            + " a.original_date, a.compilation, a.cover_image_id, a.track_count, a.duration_ms, a.label, a.mbid, a.created_at, "
            + genres + ", la.liked_at, ra.rating, coalesce(ap.plays, 0), ap.last_played"
            + " FROM albums a"
            + " LEFT JOIN liked_albums la ON la.user_id = ? AND la.item_id = a.id"
            + " LEFT JOIN rated_albums ra ON ra.user_id = ? AND ra.item_id = a.id";
    }

    /** Albums read by {@link #album(ResultSet)}, each with its plays by the user; bind the user id three times first. */
    private static final String ALBUMS = albumRows(
            "ARRAY(SELECT g.name FROM album_genres ag JOIN genres g ON g.id = ag.genre_id WHERE ag.album_id = a.id ORDER BY g.name)")
            + " LEFT JOIN LATERAL (SELECT sum(p.play_count) AS plays, max(p.last_played_at) AS last_played FROM tracks tt"
            + " JOIN user_track_plays p ON p.track_id = tt.id AND p.user_id = ? WHERE tt.album_id = a.id) ap ON true"
            + " WHERE a.track_count > 0";

    /**
     * {@link #ALBUMS} for given ids (bound three times, after the user id three times): plays and genres each grouped
     * over those albums at once (a genre subquery per album built its join 50 times for a page of 50).
     */
    private static final String ALBUMS_BY_ID = albumRows("coalesce(gs.names, ARRAY[]::text[])")
            + " LEFT JOIN (SELECT tt.album_id, sum(p.play_count) AS plays, max(p.last_played_at) AS last_played FROM user_track_plays p"
            + " JOIN tracks tt ON tt.id = p.track_id WHERE p.user_id = ? AND tt.album_id = ANY (?) GROUP BY tt.album_id) ap"
            + " ON ap.album_id = a.id"
            + " LEFT JOIN (SELECT ag.album_id, array_agg(g.name ORDER BY g.name) AS names FROM album_genres ag"
            + " JOIN genres g ON g.id = ag.genre_id WHERE ag.album_id = ANY (?) GROUP BY ag.album_id) gs ON gs.album_id = a.id"
            + " WHERE a.track_count > 0 AND a.id = ANY (?)";

    /** An album genre filter (one parameter: the genre's name, any case). */
    private static final String ALBUM_GENRE = " AND EXISTS (SELECT 1 FROM album_genres ag JOIN genres g ON g.id = ag.genre_id"
            + " WHERE ag.album_id = a.id AND g.name_key = ?)";
    private static final String TRACK_GENRE = " AND EXISTS (SELECT 1 FROM track_genres tg JOIN genres g ON g.id = tg.genre_id"
            + " WHERE tg.track_id = t.id AND g.name_key = ?)";

    private final Database db;
    private final Caller caller;
    private final CatalogSearch search;
    private final java.util.function.LongFunction<List<dev.resonance.api.lyrics.Lyrics>> lyrics;

    private final ClientBackends.Similar similar;
    private final java.util.function.Supplier<Optional<dev.resonance.impl.library.LibraryService>> library;

    ClientQueries(Database db, Caller caller, CatalogSearch search, ClientBackends backends) {
        this.db = db;
        this.caller = caller;
        this.search = search;
        this.lyrics = backends.lyrics();
        this.similar = backends.similar();
        this.library = backends.library();
    }

    @Override
    public List<Song> similarSongs(List<Long> seedSongIds, int count) {
        if (count < 0 || count > MAX_LIST) {
            throw new IllegalArgumentException("count must be 0 to " + MAX_LIST);
        }
        if (count == 0 || seedSongIds.isEmpty()) {
            return List.of();
        }
        requireCatalog();
        List<Long> ids = similar.similar(caller, seedSongIds.subList(0, Math.min(seedSongIds.size(), 50)), count);
        return songs(ids.subList(0, Math.min(ids.size(), count))); // the ones the user can see, in their order
    }

    // ------------------------------------------------------------------ scope

    /** The libraries to look in: the caller's (empty: all), narrowed to {@code library} when one is named. */
    private Optional<Long[]> scope(Connection c, Optional<Long> library) throws SQLException {
        requireCatalog();
        Optional<Long[]> libs = CatalogQueries.libraries(c, caller);
        if (library.isEmpty()) {
            return libs;
        }
        boolean allowed = libs.isEmpty() || Arrays.asList(libs.get()).contains(library.get());
        return Optional.of(allowed ? new Long[] {library.get()} : new Long[0]);
    }

    private void requireCatalog() {
        if (!caller.has(Permission.ACCESS_CATALOG)) {
            throw ResonanceException.forbidden("permission_denied", "You may not browse the catalog (AccessCatalog)");
        }
    }

    /** A statement's text and parameters, built together. */
    private static final class Sql {
        final StringBuilder text = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        Sql(String start, Object... params) {
            text.append(start);
            this.params.addAll(List.of(params));
        }

        Sql add(String part, Object... more) {
            text.append(part);
            params.addAll(List.of(more));
            return this;
        }

        /** {@code column = ANY (libraries)} when the scope is limited. */
        Sql in(String column, Optional<Long[]> libs) {
            libs.ifPresent(l -> add(" AND " + column + " = ANY (?)", (Object) l));
            return this;
        }

        <T> List<T> list(Connection c, CatalogQueries.RowMapper<T> mapper) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(text.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    Object p = params.get(i);
                    ps.setObject(i + 1, p instanceof Long[] ids ? c.createArrayOf("bigint", ids) : p);
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(mapper.map(rs));
                    }
                }
                return rows;
            }
        }
    }

    private Sql songs() {
        return new Sql(SONGS, caller.userId(), caller.userId(), caller.userId());
    }

    private Sql albums() {
        return new Sql(ALBUMS, caller.userId(), caller.userId(), caller.userId());
    }

    /** Artists with the caller's marks; {@code albumCount} counts the albums in {@code libs}. Columns 1-8. */
    private Sql artists(Optional<Long[]> libs) {
        String albumCount = libs.isEmpty() ? "ar.album_count"
                : "(SELECT count(*) FROM album_artists aa JOIN albums al ON al.id = aa.album_id WHERE aa.artist_id = ar.id"
                + " AND al.track_count > 0 AND al.library_id = ANY (?))";
        Sql sql = new Sql("SELECT ar.id, ar.name, ar.sort_name, ar.mbid, ar.image_id, " + albumCount + ", lr.liked_at, rr.rating");
        libs.ifPresent(l -> sql.params.add(l));
        return sql.add(" FROM artists ar LEFT JOIN liked_artists lr ON lr.user_id = ? AND lr.item_id = ar.id"
                + " LEFT JOIN rated_artists rr ON rr.user_id = ? AND rr.item_id = ar.id WHERE true", caller.userId(), caller.userId());
    }

    /** Limits {@code sql} (an {@link #artists} query) to album artists of an album in {@code libs}. */
    private static Sql albumArtistsOnly(Sql sql, Optional<Long[]> libs) {
        if (libs.isEmpty()) {
            return sql.add(" AND ar.album_count > 0");
        }
        return sql.add(" AND EXISTS (SELECT 1 FROM album_artists aa JOIN albums al ON al.id = aa.album_id WHERE aa.artist_id = ar.id"
                + " AND al.track_count > 0 AND al.library_id = ANY (?))", (Object) libs.get());
    }

    private static String window(Window window) {
        return " LIMIT " + window.count() + " OFFSET " + window.offset();
    }

    // ------------------------------------------------------------------ ClientCatalog

    @Override
    public ScanStatus scanStatus() {
        requireCatalog();
        dev.resonance.impl.library.LibraryService.ScanStatus status = library.get()
                .orElseThrow(() -> ResonanceException.unavailable("library_unavailable", "The library service is restarting")).status();
        long count = status.current().map(s -> (long) s.filesSeen())
                .orElse(status.last().stream().mapToLong(s -> s.filesSeen()).sum());
        return new ScanStatus(status.running(), count);
    }

    @Override
    public List<Library> libraries() {
        return db.read(c -> {
            Optional<Long[]> libs = scope(c, Optional.empty());
            return new Sql("SELECT id, name FROM libraries WHERE enabled").in("id", libs).add(" ORDER BY lower(name), id")
                    .list(c, rs -> new Library(rs.getLong(1), rs.getString(2)));
        });
    }

    @Override
    public List<Artist> albumArtists(Optional<Long> library) {
        return db.read(c -> {
            Optional<Long[]> libs = scope(c, library);
            return albumArtistsOnly(artists(libs), libs).add(" ORDER BY ar.sort_name, ar.id").list(c, ClientQueries::artist);
        });
    }

    @Override
    public Optional<ArtistAlbums> artist(long id) {
        return db.read(c -> {
            Optional<Long[]> libs = scope(c, Optional.empty());
            Sql sql = artists(libs).add(" AND ar.id = ?", id);
            libs.ifPresent(l -> sql.add(" AND " + CatalogQueries.ARTIST_IN_LIBRARIES, l, l));
            List<Artist> found = sql.list(c, ClientQueries::artist);
            if (found.isEmpty()) {
                return Optional.<ArtistAlbums>empty();
            }
            List<Album> albums = albums().add(" AND a.id IN (SELECT album_id FROM album_artists WHERE artist_id = ?)", id)
                    .in("a.library_id", libs).add(" ORDER BY coalesce(a.year, 9999), a.sort_title, a.id").list(c, ClientQueries::album);
            return Optional.of(new ArtistAlbums(found.get(0), albums));
        });
    }

    @Override
    public Optional<AlbumSongs> album(long id) {
        return db.read(c -> {
            Optional<Long[]> libs = scope(c, Optional.empty());
            List<Album> found = albums().add(" AND a.id = ?", id).in("a.library_id", libs).list(c, ClientQueries::album);
            if (found.isEmpty()) {
                return Optional.<AlbumSongs>empty();
            }
            List<Song> songs = songs().add(" AND t.album_id = ?", id).in("t.library_id", libs)
                    .add(" ORDER BY coalesce(t.disc_number, 1), t.track_number NULLS LAST, t.sort_title, t.id").list(c, ClientQueries::song);
            return Optional.of(new AlbumSongs(found.get(0), songs));
        });
    }

    @Override
    public Optional<Song> song(long id) {
        return db.read(c -> songs().add(" AND t.id = ?", id).in("t.library_id", scope(c, Optional.empty())).list(c, ClientQueries::song))
                .stream().findFirst();
    }

    @Override
    public List<Song> songs(List<Long> ids) {
        if (ids.size() > MAX_LIST) {
            throw new IllegalArgumentException("at most " + MAX_LIST + " ids");
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Song> found = db.read(c -> songs().add(" AND t.id = ANY (?)", (Object) ids.toArray(Long[]::new))
                .in("t.library_id", scope(c, Optional.empty())).list(c, ClientQueries::song));
        return inOrder(ids, found, Song::id);
    }

    /**
     * A page of albums: their ids first, ordered and cut on the albums table alone (with only what the order needs),
     * then those few read whole. Ordering the full rows would compute every album's genres and plays before the sort.
     */
    @Override
    public List<Album> albums(AlbumOrder order, Filter filter, Window window) {
        return db.read(c -> {
            Optional<Long[]> libs = scope(c, filter.library());
            Optional<List<Long>> held = filter.genre().isPresent() ? Optional.empty() : heldPage(c, order, libs, window);
            if (held.isPresent()) {
                return albumsById(c, held.get());
            }
            Sql ids = switch (order) {
                case HIGHEST_RATED -> new Sql("SELECT a.id FROM albums a JOIN rated_albums ra ON ra.user_id = ? AND ra.item_id = a.id"
                        + " WHERE a.track_count > 0", caller.userId());
                case LIKED -> new Sql("SELECT a.id FROM albums a JOIN liked_albums la ON la.user_id = ? AND la.item_id = a.id"
                        + " WHERE a.track_count > 0", caller.userId());
                case MOST_PLAYED, RECENTLY_PLAYED -> new Sql("SELECT a.id FROM (SELECT tt.album_id, sum(p.play_count) AS plays,"
                        + " max(p.last_played_at) AS last_played FROM user_track_plays p JOIN tracks tt ON tt.id = p.track_id"
                        + " WHERE p.user_id = ? AND tt.album_id IS NOT NULL GROUP BY tt.album_id) ap JOIN albums a ON a.id = ap.album_id"
                        + " WHERE a.track_count > 0", caller.userId());
                // from the artists in their index order, so that a page is read without sorting every album
                case BY_ARTIST -> new Sql("SELECT a.id FROM artists ar JOIN album_artists aa ON aa.artist_id = ar.id AND aa.position = 0"
                        + " JOIN albums a ON a.id = aa.album_id WHERE a.track_count > 0");
                default -> new Sql("SELECT a.id FROM albums a WHERE a.track_count > 0");
            };
            ids.in("a.library_id", libs);
            filter.genre().ifPresent(g -> ids.add(ALBUM_GENRE, Names.key(g)));
            switch (order) {
                case RANDOM -> ids.add(" ORDER BY random()");
                case NEWEST -> ids.add(" ORDER BY a.created_at DESC, a.id DESC");
                case HIGHEST_RATED -> ids.add(" ORDER BY ra.rating DESC, ra.rated_at DESC, a.id");
                case MOST_PLAYED -> ids.add(" ORDER BY ap.plays DESC, a.id");
                case RECENTLY_PLAYED -> ids.add(" ORDER BY ap.last_played DESC, a.id");
                case BY_TITLE -> ids.add(" ORDER BY a.sort_title, a.id");
                case BY_ARTIST -> ids.add(" ORDER BY ar.sort_name, ar.id, coalesce(a.year, 0), a.sort_title, a.id");
                case LIKED -> ids.add(" ORDER BY la.liked_at DESC, a.id DESC");
                case BY_YEAR -> {
                    int from = filter.fromYear().orElse(0);
                    int to = filter.toYear().orElse(9999);
                    ids.add(" AND a.year BETWEEN ? AND ?", Math.min(from, to), Math.max(from, to));
                    ids.add(from > to ? " ORDER BY a.year DESC, a.sort_title, a.id" : " ORDER BY a.year, a.sort_title, a.id");
                }
                default -> throw new IllegalArgumentException("unknown order " + order);
            }
            return albumsById(c, ids.add(window(window)).list(c, rs -> rs.getLong(1)));
        });
    }

    /**
     * A page of the orders the in-memory catalog holds (by title, newest, by artist, random), when it is current: the
     * deep offsets apps page to and a random page cost a walk over an array there, not thousands of rows here.
     */
    private Optional<List<Long>> heldPage(Connection c, AlbumOrder order, Optional<Long[]> libs, Window window) throws SQLException {
        switch (order) {
            case BY_TITLE:
                return search.albumPage(c, AlbumOrders.Order.TITLE, libs, window.offset(), window.count());
            case NEWEST:
                return search.albumPage(c, AlbumOrders.Order.NEWEST, libs, window.offset(), window.count());
            case BY_ARTIST:
                return search.albumPage(c, AlbumOrders.Order.ARTIST, libs, window.offset(), window.count());
            case RANDOM:
                return search.randomAlbums(c, libs, window.count());
            default:
                return Optional.empty();
        }
    }

    /**
     * The albums of {@code ids} (visible ones, checked before), whole, in the order of {@code ids}; their plays summed
     * from the user's plays of those albums only (not album by album through their tracks).
     */
    private List<Album> albumsById(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Long[] array = ids.toArray(Long[]::new);
        return inOrder(ids, new Sql(ALBUMS_BY_ID, caller.userId(), caller.userId(), caller.userId(), array, array, array)
                .list(c, ClientQueries::album), Album::id);
    }

    /** The songs of {@code ids} (visible ones, checked before), whole, in the order of {@code ids}. */
    private List<Song> songsById(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        return inOrder(ids, songs().add(" AND t.id = ANY (?)", (Object) ids.toArray(Long[]::new)).list(c, ClientQueries::song), Song::id);
    }

    @Override
    public List<Genre> genres() {
        return db.read(c -> {
            Optional<Long[]> libs = scope(c, Optional.empty());
            if (libs.isEmpty()) {
                return new Sql("SELECT name, album_count, track_count FROM genres WHERE track_count > 0 ORDER BY lower(name), id")
                        .list(c, rs -> new Genre(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
            return new Sql("SELECT g.name, (SELECT count(*) FROM album_genres ag JOIN albums a ON a.id = ag.album_id"
                    + " WHERE ag.genre_id = g.id AND a.track_count > 0 AND a.library_id = ANY (?)),"
                    + " (SELECT count(*) FROM track_genres tg JOIN tracks t ON t.id = tg.track_id WHERE tg.genre_id = g.id"
                    + " AND t.missing_since IS NULL AND t.library_id = ANY (?)) AS songs FROM genres g", libs.get(), libs.get())
                    .list(c, rs -> new Genre(rs.getString(1), rs.getLong(2), rs.getLong(3))).stream()
                    .filter(g -> g.songCount() > 0).sorted(java.util.Comparator.comparing(g -> g.name().toLowerCase(Locale.ROOT)))
                    .toList();
        });
    }

    @Override
    public List<Song> randomSongs(Filter filter, int count) {
        if (count < 0 || count > MAX_LIST) {
            throw new IllegalArgumentException("count must be 0 to " + MAX_LIST);
        }
        if (count == 0) {
            return List.of();
        }
        return db.read(c -> {
            Optional<Long[]> libs = scope(c, filter.library());
            boolean filtered = filter.genre().isPresent() || filter.fromYear().isPresent() || filter.toYear().isPresent();
            List<Long> ids = filtered ? List.of() : probe(c, libs, count);
            if (ids.size() < count) {
                // filtered, or a catalog with many holes in its ids: shuffle the candidates' ids (no joins), then read those
                Sql pick = new Sql("SELECT t.id FROM tracks t WHERE t.missing_since IS NULL").in("t.library_id", libs);
                filter.genre().ifPresent(g -> pick.add(TRACK_GENRE, Names.key(g)));
                filter.fromYear().ifPresent(y -> pick.add(" AND t.year >= ?", y));
                filter.toYear().ifPresent(y -> pick.add(" AND t.year <= ?", y));
                ids = pick.add(" ORDER BY random() LIMIT " + count).list(c, rs -> rs.getLong(1));
            }
            return songsById(c, ids);
        });
    }

    /**
     * {@code count} distinct random present tracks in {@code libs} found by drawing ids between the lowest and highest
     * (a few rounds; fewer when ids have many holes): ordering 100k rows by {@code random()} costs tens of milliseconds.
     */
    private static List<Long> probe(Connection c, Optional<Long[]> libs, int count) throws SQLException {
        List<long[]> range = new Sql("SELECT min(id), max(id) FROM tracks").list(c, rs -> new long[] {rs.getLong(1), rs.getLong(2)});
        long low = range.get(0)[0];
        long high = range.get(0)[1];
        LinkedHashSet<Long> found = new LinkedHashSet<>();
        if (high < low || high == 0) {
            return List.of();
        }
        for (int round = 0; round < 3 && found.size() < count; round++) {
            LinkedHashSet<Long> draw = new LinkedHashSet<>();
            int want = (count - found.size()) * 2 + 8;
            for (int i = 0; i < want * 4 && draw.size() < want; i++) {
                long id = ThreadLocalRandom.current().nextLong(low, high + 1);
                if (!found.contains(id)) {
                    draw.add(id);
                }
            }
            Sql present = new Sql("SELECT t.id FROM tracks t WHERE t.id = ANY (?) AND t.missing_since IS NULL",
                    (Object) draw.toArray(Long[]::new)).in("t.library_id", libs);
            List<Long> hits = new ArrayList<>(present.list(c, rs -> rs.getLong(1)));
            java.util.Collections.shuffle(hits);
            for (long id : hits) {
                if (found.size() < count) {
                    found.add(id);
                }
            }
        }
        return new ArrayList<>(found);
    }

    @Override
    public List<Song> songsByGenre(Filter filter, Window window) {
        String genre = filter.genre().orElseThrow(() -> new IllegalArgumentException("a genre is needed"));
        return db.read(c -> songsById(c, new Sql("SELECT t.id FROM tracks t LEFT JOIN albums al ON al.id = t.album_id"
                + " WHERE t.missing_since IS NULL").in("t.library_id", scope(c, filter.library())).add(TRACK_GENRE, Names.key(genre))
                .add(" ORDER BY lower(coalesce(al.artist_display, t.artist_display)), coalesce(al.sort_title, ''), t.album_id,"
                        + " coalesce(t.disc_number, 1), t.track_number NULLS LAST, t.sort_title, t.id" + window(window))
                .list(c, rs -> rs.getLong(1))));
    }

    @Override
    public Found search(String query, Optional<Long> library, Window artistWindow, Window albumWindow, Window songWindow) {
        String text = query.strip();
        if (text.isEmpty() || text.equals("\"\"")) {
            return everything(library, artistWindow, albumWindow, songWindow);
        }
        if (text.length() > CatalogSearch.MAX_QUERY_CHARS) {
            throw ResonanceException.invalid("invalid_query", "A search is at most " + CatalogSearch.MAX_QUERY_CHARS + " characters");
        }
        return db.read(c -> {
            Optional<Long[]> libs = scope(c, library);
            int depth = Math.min(CatalogSearch.MAX_DEPTH, Math.max(artistWindow.offset() + artistWindow.count(),
                    Math.max(albumWindow.offset() + albumWindow.count(), songWindow.offset() + songWindow.count())));
            if (depth == 0) {
                return new Found(List.of(), List.of(), List.of());
            }
            EnumSet<SearchKind> kinds = EnumSet.noneOf(SearchKind.class);
            if (artistWindow.count() > 0) {
                kinds.add(SearchKind.ARTIST);
            }
            if (albumWindow.count() > 0) {
                kinds.add(SearchKind.ALBUM);
            }
            if (songWindow.count() > 0) {
                kinds.add(SearchKind.TRACK);
            }
            CatalogSearch.Answer answer = search.search(c, libs, caller, new CatalogSearch.Request(text, kinds, Optional.empty(),
                    Optional.empty(), depth, 0, false));
            List<Long> artistIds = slice(answer, SearchKind.ARTIST, artistWindow);
            List<Long> albumIds = slice(answer, SearchKind.ALBUM, albumWindow);
            List<Long> songIds = slice(answer, SearchKind.TRACK, songWindow);
            List<Artist> artists = artistIds.isEmpty() ? List.of() : inOrder(artistIds, artists(libs)
                    .add(" AND ar.id = ANY (?)", (Object) artistIds.toArray(Long[]::new)).list(c, ClientQueries::artist), Artist::id);
            List<Album> albums = albumsById(c, albumIds); // the search looked only in libs
            List<Song> songs = songsById(c, songIds);
            return new Found(artists, albums, songs);
        });
    }

    private static List<Long> slice(CatalogSearch.Answer answer, SearchKind kind, Window window) {
        List<Long> ids = Optional.ofNullable(answer.hits().get(kind)).map(CatalogSearch.Hits::ids).orElse(List.of());
        int from = Math.min(ids.size(), window.offset());
        return ids.subList(from, Math.min(ids.size(), from + window.count()));
    }

    /** Everything by name, a window of each kind: how apps copy a whole library (a search for nothing). */
    private Found everything(Optional<Long> library, Window artistWindow, Window albumWindow, Window songWindow) {
        return db.read(c -> {
            Optional<Long[]> libs = scope(c, library);
            List<Artist> artists = artistWindow.count() == 0 ? List.of() : albumArtistsOnly(artists(libs), libs)
                    .add(" ORDER BY ar.sort_name, ar.id" + window(artistWindow)).list(c, ClientQueries::artist);
            // ids first (index order), then the page whole: apps page through everything, deep offsets included
            List<Album> albums = albumWindow.count() == 0 ? List.of() : albumsById(c, new Sql("SELECT a.id FROM albums a"
                    + " WHERE a.track_count > 0").in("a.library_id", libs).add(" ORDER BY a.sort_title, a.id" + window(albumWindow))
                    .list(c, rs -> rs.getLong(1)));
            List<Song> songs = songWindow.count() == 0 ? List.of() : songsById(c, new Sql("SELECT t.id FROM tracks t"
                    + " WHERE t.missing_since IS NULL").in("t.library_id", libs).add(" ORDER BY t.sort_title, t.id" + window(songWindow))
                    .list(c, rs -> rs.getLong(1)));
            return new Found(artists, albums, songs);
        });
    }

    @Override
    public Found liked(Optional<Long> library) {
        return db.read(c -> {
            Optional<Long[]> libs = scope(c, library);
            Sql artists = artists(libs).add(" AND lr.liked_at IS NOT NULL");
            libs.ifPresent(l -> artists.add(" AND " + CatalogQueries.ARTIST_IN_LIBRARIES, l, l));
            return new Found(artists.add(" ORDER BY lr.liked_at DESC, ar.id DESC").list(c, ClientQueries::artist),
                    albums().add(" AND la.liked_at IS NOT NULL").in("a.library_id", libs)
                            .add(" ORDER BY la.liked_at DESC, a.id DESC").list(c, ClientQueries::album),
                    songs().add(" AND lt.liked_at IS NOT NULL").in("t.library_id", libs)
                            .add(" ORDER BY lt.liked_at DESC, t.id DESC").list(c, ClientQueries::song));
        });
    }

    @Override
    public List<Song> topSongs(String artist, int count) {
        if (count < 0 || count > MAX_LIST) {
            throw new IllegalArgumentException("count must be 0 to " + MAX_LIST);
        }
        if (count == 0 || artist.isBlank()) {
            return List.of();
        }
        return db.read(c -> songs().in("t.library_id", scope(c, Optional.empty()))
                .add(" AND t.id IN (SELECT ta.track_id FROM track_artists ta JOIN artists ar ON ar.id = ta.artist_id"
                        + " WHERE ar.name_key = ? AND ta.role IN ('performer', 'featured'))", Names.key(artist))
                .add(" ORDER BY coalesce((SELECT tp.play_count FROM track_popularity tp WHERE tp.track_id = t.id), 0) DESC,"
                        + " t.sort_title, t.id LIMIT " + count)
                .list(c, ClientQueries::song));
    }

    @Override
    public List<dev.resonance.api.lyrics.Lyrics> lyrics(long songId) {
        requireCatalog();
        boolean visible = db.read(c -> CatalogQueries.visible(c, caller, CatalogQueries.Item.TRACK, songId));
        return visible ? lyrics.apply(songId) : List.of();
    }

    // ------------------------------------------------------------------ rows

    private static <T> List<T> inOrder(List<Long> ids, List<T> found, java.util.function.ToLongFunction<T> id) {
        Map<Long, T> byId = new HashMap<>();
        for (T item : found) {
            byId.put(id.applyAsLong(item), item);
        }
        List<T> ordered = new ArrayList<>(found.size());
        for (long i : ids) {
            T item = byId.remove(i);
            if (item != null) {
                ordered.add(item);
            }
        }
        return ordered;
    }

    static Song song(ResultSet rs) throws SQLException {
        String format = rs.getString(11);
        List<ItemRef> performers = new ArrayList<>();
        for (CatalogViews.Credit credit : CatalogJson.credits(rs.getString(29))) {
            if (credit.role().equals(ArtistRole.PERFORMER.apiName()) || credit.role().equals(ArtistRole.FEATURED.apiName())) {
                performers.add(new ItemRef(credit.id(), credit.name()));
            }
        }
        String albumArtists = rs.getString(30);
        List<ItemRef> byAlbum = albumArtists == null ? List.of()
                : CatalogJson.albumArtists(albumArtists).stream().map(a -> new ItemRef(a.id(), a.name())).toList();
        return new Song(rs.getLong(1), rs.getString(2), rs.getString(3), performers, optLong(rs, 4), rs.getString(5), rs.getString(6),
                byAlbum, optInt(rs, 7), optInt(rs, 8), optInt(rs, 9), strings(rs.getArray(31)), rs.getLong(10),
                new AudioFile(format, TrackFiles.CONTENT_TYPES.getOrDefault(format, "application/octet-stream"), rs.getString(12),
                        rs.getLong(13), rs.getInt(14), rs.getInt(15), rs.getInt(16), rs.getInt(17)),
                optLong(rs, 18), new ReplayGain(optFloat(rs, 19), optFloat(rs, 20), optFloat(rs, 21), optFloat(rs, 22)),
                optFloat(rs, 23), Optional.ofNullable(rs.getString(24)), Optional.ofNullable(rs.getObject(25, UUID.class)),
                rs.getBoolean(26), rs.getLong(27), rs.getTimestamp(28).toInstant(),
                new Marks(instant(rs, 32), optInt(rs, 33), rs.getLong(34), instant(rs, 35)));
    }

    static Album album(ResultSet rs) throws SQLException {
        List<ItemRef> artists = CatalogJson.albumArtists(rs.getString(5)).stream().map(a -> new ItemRef(a.id(), a.name())).toList();
        return new Album(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getString(4), artists, optInt(rs, 6),
                Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)), rs.getBoolean(9), strings(rs.getArray(16)),
                optLong(rs, 10), rs.getInt(11), rs.getLong(12), Optional.ofNullable(rs.getString(13)),
                Optional.ofNullable(rs.getObject(14, UUID.class)), rs.getTimestamp(15).toInstant(),
                new Marks(instant(rs, 17), optInt(rs, 18), rs.getLong(19), instant(rs, 20)));
    }

    static Artist artist(ResultSet rs) throws SQLException {
        return new Artist(rs.getLong(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getObject(4, UUID.class)),
                optLong(rs, 5), rs.getInt(6), new Marks(instant(rs, 7), optInt(rs, 8), 0, Optional.empty()));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Optional<java.time.Instant> instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? Optional.empty() : Optional.of(ts.toInstant());
    }
}
