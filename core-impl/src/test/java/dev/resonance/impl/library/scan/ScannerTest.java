package dev.resonance.impl.library.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.db.Database;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The scanner's bookkeeping against the real PostgreSQL, with stand-in audio files (see PropertiesTagReader). */
class ScannerTest {

    @TempDir
    Path root;

    private CatalogFixture catalog;
    private Database db;
    private Scanner scanner;
    private long libraryId;

    @BeforeEach
    void start() throws SQLException {
        catalog = new CatalogFixture(root);
        db = catalog.db;
        libraryId = catalog.libraryId;
        scanner = new Scanner(db, new PropertiesTagReader(), new Scanner.Settings(2, Duration.ofDays(30)));
    }

    @AfterEach
    void stop() {
        catalog.close();
    }

    private ScanProgress.Snapshot scan(boolean full) throws Exception {
        return scan(full, Optional.empty());
    }

    private ScanProgress.Snapshot scan(boolean full, Optional<Path> folder) throws Exception {
        ScanProgress progress = new ScanProgress(full ? "full" : "quick", libraryId);
        scanner.scan(libraryId, root, folder, full, progress);
        progress.finish("done");
        return progress.snapshot();
    }

    private <T> List<T> query(String sql, SqlRow<T> row) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    interface SqlRow<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private void album(String folder, String album, String artist, int tracks) throws Exception {
        for (int i = 1; i <= tracks; i++) {
            PropertiesTagReader.write(root.resolve(folder).resolve(String.format("%02d.mp3", i)),
                    "title", album + " song " + i, "artist", artist, "album", album, "albumartist", artist,
                    "track", Integer.toString(i), "genre", "Rock;Indie", "date", "2020-05-01");
        }
    }

    @Test
    void aFirstScanCatalogsAlbumsArtistsGenresAndTracks() throws Exception {
        album("A/One", "One", "Alpha", 3);
        album("B/Two", "Two", "Beta", 2);
        PropertiesTagReader.write(root.resolve("C/duet.mp3"), "title", "Duet (feat. Gamma)", "artist", "Alpha;Beta",
                "featured", "Gamma", "composer", "Delta", "album", "Singles", "albumartist", "Various Artists", "compilation", "true");

        ScanProgress.Snapshot result = scan(false);

        assertThat(result.filesSeen()).isEqualTo(6);
        assertThat(result.added()).isEqualTo(6);
        assertThat(result.errors()).isZero();
        assertThat(query("SELECT title, track_count, year, compilation FROM albums ORDER BY sort_title",
                rs -> rs.getString(1) + ":" + rs.getInt(2) + ":" + rs.getInt(3) + ":" + rs.getBoolean(4)))
                .containsExactly("One:3:2020:false", "Singles:1:0:true", "Two:2:2020:false");
        assertThat(query("SELECT name FROM artists ORDER BY sort_name", rs -> rs.getString(1)))
                .containsExactly("Alpha", "Beta", "Delta", "Gamma", "Various Artists");
        assertThat(query("SELECT a.name || ':' || ta.role FROM track_artists ta JOIN artists a ON a.id = ta.artist_id"
                + " JOIN tracks t ON t.id = ta.track_id WHERE t.path = 'C/duet.mp3' ORDER BY ta.position", rs -> rs.getString(1)))
                .containsExactly("Alpha:performer", "Beta:performer", "Gamma:featured", "Delta:composer");
        assertThat(query("SELECT artist_display FROM tracks WHERE path = 'C/duet.mp3'", rs -> rs.getString(1)))
                .containsExactly("Alpha, Beta feat. Gamma");
        assertThat(query("SELECT name FROM genres ORDER BY name", rs -> rs.getString(1))).containsExactly("Indie", "Rock");
        // the read copies the browse API answers from agree with the link tables
        assertThat(creditCopy("C/duet.mp3")).containsExactly("Alpha:performer", "Beta:performer", "Gamma:featured", "Delta:composer");
        assertThat(albumArtistCopy("Singles")).containsExactly("Various Artists");
    }

    @Test
    void aRetaggedFileRewritesTheCreditCopiesWithTheArtistsStoredNames() throws Exception {
        album("A", "One", "Alpha", 2);
        album("B", "Two", "Beta", 1);
        scan(false);

        Path file = root.resolve("A/02.mp3");
        // "beta" is the artist stored as "Beta": the copies name artists as stored, like the link tables do
        PropertiesTagReader.write(file, "title", "Now a duet", "artist", "Alpha", "featured", "beta", "album", "One",
                "albumartist", "Alpha;NEWCOMER", "track", "2");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        scan(false);

        assertThat(creditCopy("A/02.mp3")).containsExactly("Alpha:performer", "Beta:featured");
        assertThat(creditCopy("A/01.mp3")).containsExactly("Alpha:performer");
        assertThat(query("SELECT title FROM albums ORDER BY sort_title", rs -> rs.getString(1))).contains("One");
        assertThat(query("SELECT a.artists::text FROM albums a JOIN tracks t ON t.album_id = a.id WHERE t.path = 'A/02.mp3'",
                rs -> rs.getString(1))).singleElement().asString().contains("\"Alpha\"", "\"NEWCOMER\"");
    }

    /** A track's credits as its read copy holds them: "name:role" in credit order, ids checked against the artists. */
    private List<String> creditCopy(String path) throws SQLException {
        return query("SELECT c.name || ':' || c.role FROM tracks t, ROWS FROM (jsonb_to_recordset(t.credits) AS (id bigint, name text, role text)) WITH ORDINALITY AS c(id, name, role, n)"
                + " JOIN artists a ON a.id = c.id AND a.name = c.name WHERE t.path = '" + path + "' ORDER BY c.n", rs -> rs.getString(1));
    }

    private List<String> albumArtistCopy(String title) throws SQLException {
        return query("SELECT c.name FROM albums al, ROWS FROM (jsonb_to_recordset(al.artists) AS (id bigint, name text)) WITH ORDINALITY AS c(id, name, n)"
                + " JOIN artists a ON a.id = c.id AND a.name = c.name WHERE al.title = '" + title + "' ORDER BY c.n", rs -> rs.getString(1));
    }

    @Test
    void anUnchangedRescanReadsNothingAndAChangedFileIsReRead() throws Exception {
        album("A", "One", "Alpha", 4);
        scan(false);

        ScanProgress.Snapshot unchanged = scan(false);
        assertThat(unchanged.toRead()).isZero();
        assertThat(unchanged.added() + unchanged.updated()).isZero();
        // where the time went, phase by phase in order (the API and the log show it)
        assertThat(unchanged.phaseMillis().keySet()).containsExactly("loading", "walking", "reading", "finishing");
        assertThat(unchanged.phaseMillis().values()).allSatisfy(ms -> assertThat(ms).isNotNegative());

        Path file = root.resolve("A/02.mp3");
        PropertiesTagReader.write(file, "title", "Renamed song", "artist", "Alpha", "album", "One", "albumartist", "Alpha",
                "track", "2");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        ScanProgress.Snapshot changed = scan(false);
        assertThat(changed.toRead()).isEqualTo(1);
        assertThat(changed.updated()).isEqualTo(1);
        assertThat(query("SELECT title FROM tracks WHERE path = 'A/02.mp3'", rs -> rs.getString(1))).containsExactly("Renamed song");

        ScanProgress.Snapshot full = scan(true);
        assertThat(full.toRead()).isEqualTo(4);
    }

    @Test
    void aFullRescanOfUnchangedFilesWritesNothingAndAChangedFileOnlyWhatChanged() throws Exception {
        album("A", "One", "Alpha", 3);
        PropertiesTagReader.write(root.resolve("C/duet.mp3"), "title", "Duet", "artist", "Alpha;Beta", "album", "Singles",
                "albumartist", "Alpha;Beta", "genre", "Pop;Soul", "lyrics", "ID3_USLT|eng||La la;ID3_SYLT|eng||Sync");
        scan(false);
        List<String> before = rowVersions();

        ScanProgress.Snapshot full = scan(true);

        assertThat(full.toRead()).isEqualTo(4);
        assertThat(full.errors()).isZero();
        assertThat(full.updated()).as("read again, but nothing changed").isZero();
        assertThat(rowVersions()).as("every file read again, no row written").isEqualTo(before);

        // only the genres and the order of the artists change: the track row stays, its links follow the file
        Path duet = root.resolve("C/duet.mp3");
        PropertiesTagReader.write(duet, "title", "Duet", "artist", "Beta;Alpha", "album", "Singles", "albumartist", "Alpha;Beta",
                "genre", "Soul;Jazz", "lyrics", "ID3_USLT|eng||La la;ID3_SYLT|eng||Sync");
        Files.setLastModifiedTime(duet, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(scan(true).updated()).isEqualTo(1);

        assertThat(query("SELECT a.name || ':' || ta.position FROM track_artists ta JOIN artists a ON a.id = ta.artist_id"
                + " JOIN tracks t ON t.id = ta.track_id WHERE t.path = 'C/duet.mp3' ORDER BY ta.position", rs -> rs.getString(1)))
                .containsExactly("Beta:0", "Alpha:1");
        assertThat(query("SELECT g.name FROM track_genres tg JOIN genres g ON g.id = tg.genre_id JOIN tracks t ON t.id = tg.track_id"
                + " WHERE t.path = 'C/duet.mp3' ORDER BY g.name", rs -> rs.getString(1))).containsExactly("Jazz", "Soul");
        assertThat(albumGenres("Singles")).as("the album's genres follow its tracks'").containsExactly("Jazz", "Soul");
        assertThat(creditCopy("C/duet.mp3")).containsExactly("Beta:performer", "Alpha:performer");
        List<String> after = rowVersions();
        assertThat(after.stream().filter(v -> !v.contains("duet") && !v.startsWith("album")).toList())
                .as("the other files' rows").isEqualTo(before.stream().filter(v -> !v.contains("duet") && !v.startsWith("album")).toList());
        assertThat(after).as("the duet's row (its credits copy and mtime changed) and links").isNotEqualTo(before);
        assertThat(after.stream().filter(v -> v.startsWith("lyrics")).toList()).as("its unchanged lyrics rows")
                .hasSize(2).isEqualTo(before.stream().filter(v -> v.startsWith("lyrics")).toList());
    }

    /** Every catalog row a scan writes, with its row version (xmin) and updated_at where it has one. */
    private List<String> rowVersions() throws SQLException {
        List<String> rows = new ArrayList<>(query("SELECT 'track ' || path || ' ' || xmin || ' ' || updated_at FROM tracks ORDER BY path",
                rs -> rs.getString(1)));
        rows.addAll(query("SELECT 'album ' || title || ' ' || xmin || ' ' || updated_at FROM albums ORDER BY title", rs -> rs.getString(1)));
        rows.addAll(query("SELECT 'credit ' || t.path || ' ' || ta.artist_id || ta.role || ' ' || ta.xmin FROM track_artists ta"
                + " JOIN tracks t ON t.id = ta.track_id ORDER BY 1", rs -> rs.getString(1)));
        rows.addAll(query("SELECT 'genre ' || t.path || ' ' || tg.genre_id || ' ' || tg.xmin FROM track_genres tg"
                + " JOIN tracks t ON t.id = tg.track_id ORDER BY 1", rs -> rs.getString(1)));
        rows.addAll(query("SELECT 'albumgenre ' || al.title || ' ' || ag.genre_id || ' ' || ag.xmin FROM album_genres ag"
                + " JOIN albums al ON al.id = ag.album_id ORDER BY 1", rs -> rs.getString(1)));
        rows.addAll(query("SELECT 'albumartist ' || al.title || ' ' || aa.artist_id || ' ' || aa.xmin FROM album_artists aa"
                + " JOIN albums al ON al.id = aa.album_id ORDER BY 1", rs -> rs.getString(1)));
        rows.addAll(query("SELECT 'lyrics ' || t.path || ' ' || l.position || ' ' || l.xmin FROM track_lyrics l"
                + " JOIN tracks t ON t.id = l.track_id ORDER BY 1", rs -> rs.getString(1)));
        return rows;
    }

    @Test
    void embeddedLyricsLandInTrackLyricsAndFollowTheirFile() throws Exception {
        Path sung = root.resolve("A/01.mp3");
        Path plain = root.resolve("A/02.mp3");
        PropertiesTagReader.write(sung, "title", "Sung", "artist", "Alpha", "album", "One",
                "lyrics", "ID3_USLT|eng||[00:01.00]Hello;ID3_SYLT|deu|Karaoke|Hallo;ID3_USLT|fra|Paroles|Bonjour");
        PropertiesTagReader.write(plain, "title", "Instrumental", "artist", "Alpha", "album", "One");
        scan(false);

        assertThat(lyricsRows()).containsExactly("A/01.mp3 0 ID3_USLT eng  [00:01.00]Hello", "A/01.mp3 1 ID3_SYLT deu Karaoke Hallo",
                "A/01.mp3 2 ID3_USLT fra Paroles Bonjour");
        assertThat(query("SELECT path || ' ' || has_lyrics FROM tracks ORDER BY path", rs -> rs.getString(1)))
                .containsExactly("A/01.mp3 true", "A/02.mp3 false");

        // the file changes: its rows become what it holds now; the other file gains lyrics
        PropertiesTagReader.write(sung, "title", "Sung", "artist", "Alpha", "album", "One", "lyrics", "ID3_USLT|eng||[00:01.00]Hi there");
        PropertiesTagReader.write(plain, "title", "Instrumental", "artist", "Alpha", "album", "One", "lyrics", "VORBIS_LYRICS|||Hum");
        touch(sung, plain);
        assertThat(scan(false).updated()).isEqualTo(2);
        assertThat(lyricsRows()).containsExactly("A/01.mp3 0 ID3_USLT eng  [00:01.00]Hi there", "A/02.mp3 0 VORBIS_LYRICS   Hum");

        // a file that loses its lyrics loses its rows
        PropertiesTagReader.write(sung, "title", "Sung", "artist", "Alpha", "album", "One");
        touch(sung);
        scan(false);
        assertThat(lyricsRows()).containsExactly("A/02.mp3 0 VORBIS_LYRICS   Hum");
        assertThat(query("SELECT path || ' ' || has_lyrics FROM tracks ORDER BY path", rs -> rs.getString(1)))
                .containsExactly("A/01.mp3 false", "A/02.mp3 true");

        // and a purged track takes its rows with it
        Files.delete(plain);
        scan(false);
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE tracks SET missing_since = now() - interval '31 days'"
                + " WHERE missing_since IS NOT NULL"));
        scan(false);
        assertThat(lyricsRows()).isEmpty();
    }

    @Test
    void aChangeOfLyricsAloneMovesTheTracksUpdatedAt() throws Exception {
        Path file = root.resolve("A/01.mp3");
        PropertiesTagReader.write(file, "title", "Sung", "artist", "Alpha", "album", "One", "lyrics", "ID3_USLT|eng||Hello");
        scan(false);
        FileTime mtime = Files.getLastModifiedTime(file);
        String before = query("SELECT updated_at::text FROM tracks", rs -> rs.getString(1)).get(0);

        // same size, same mtime: only a full scan reads it, and only its lyrics differ
        PropertiesTagReader.write(file, "title", "Sung", "artist", "Alpha", "album", "One", "lyrics", "ID3_USLT|eng||Howdy");
        Files.setLastModifiedTime(file, mtime);
        ScanProgress.Snapshot full = scan(true);

        assertThat(full.updated()).isEqualTo(1);
        assertThat(lyricsRows()).containsExactly("A/01.mp3 0 ID3_USLT eng  Howdy");
        assertThat(query("SELECT updated_at > '" + before + "'::timestamptz FROM tracks", rs -> rs.getBoolean(1))).containsExactly(true);
    }

    @Test
    void aMovedFileKeepsItsLyricsAndItsMoveIsAChange() throws Exception {
        PropertiesTagReader.write(root.resolve("Old/01.mp3"), "title", "Sung", "artist", "Alpha", "album", "One", "mbtrack",
                "8f1e1e5c-1b47-4a51-a1ab-8d3ec8d7e8a1", "lyrics", "ID3_USLT|eng||Hello");
        scan(false);
        String before = query("SELECT updated_at::text FROM tracks", rs -> rs.getString(1)).get(0);

        Files.createDirectories(root.resolve("New"));
        Files.move(root.resolve("Old/01.mp3"), root.resolve("New/01.mp3"));
        assertThat(scan(false).moved()).isEqualTo(1);

        assertThat(lyricsRows()).containsExactly("New/01.mp3 0 ID3_USLT eng  Hello");
        assertThat(query("SELECT updated_at > '" + before + "'::timestamptz FROM tracks", rs -> rs.getBoolean(1))).containsExactly(true);
    }

    @Test
    void whatAReaderLeftOutOfAFileIsAProblemOfTheScanAndTheFileIsStillCataloged() throws Exception {
        PropertiesTagReader.write(root.resolve("A/01.mp3"), "title", "Sung", "artist", "Alpha", "album", "One",
                "warning", "embedded lyrics left out: ID3_USLT of 300000 bytes (at most 256 KiB are kept)");

        ScanProgress.Snapshot result = scan(false);

        assertThat(result.added()).isEqualTo(1);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("A/01.mp3");
            assertThat(p.reason()).contains("lyrics left out");
        });
        assertThat(query("SELECT count(*) FROM unreadable_files", rs -> rs.getLong(1))).as("not remembered as unreadable")
                .containsExactly(0L);
    }

    /** V8 came after libraries had been scanned: the files cataloged with lyrics before it are read again, the others not. */
    @Test
    void filesCatalogedWithLyricsBeforeV8AreReadAgainByTheNextQuickScan(@TempDir Path music) throws Exception {
        Path sung = music.resolve("A/01.mp3");
        Path plain = music.resolve("A/02.mp3");
        PropertiesTagReader.write(sung, "title", "Sung", "artist", "Alpha", "album", "One", "lyrics", "ID3_USLT|eng||Hello");
        PropertiesTagReader.write(plain, "title", "Plain", "artist", "Alpha", "album", "One");
        try (TestDatabase old = TestDatabase.create()) {
            PGSimpleDataSource direct = new PGSimpleDataSource();
            direct.setURL(old.url());
            direct.setUser(old.user());
            Flyway.configure(getClass().getClassLoader()).dataSource(direct).locations("classpath:db/migration").target("7").load().migrate();
            long library;
            try (Connection c = direct.getConnection(); var s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("INSERT INTO libraries (name, path) VALUES ('Music', '" + music + "') RETURNING id")) {
                    rs.next();
                    library = rs.getLong(1);
                }
                // what a scan before V8 left: the flag, no lyrics rows
                for (Path file : List.of(sung, plain)) {
                    s.executeUpdate("INSERT INTO tracks (library_id, pid, path, file_size, file_mtime, format, codec, duration_ms, bitrate_kbps,"
                            + " sample_rate, bit_depth, channels, title, sort_title, artist_display, has_lyrics) VALUES (" + library + ", 'p"
                            + file.getFileName() + "', 'A/" + file.getFileName() + "', " + Files.size(file) + ", "
                            + Files.getLastModifiedTime(file).toMillis() + ", 'mp3', 'mp3', 1000, 128, 44100, 0, 2, 't', 't', 'Alpha', "
                            + file.equals(sung) + ")");
                }
            }
            HikariConfig config = new HikariConfig();
            config.setDataSource(TestDatabases.upgraded(old)); // the rest of the migrations, over what V7 left
            try (HikariDataSource pool = new HikariDataSource(config)) {
                ScanProgress progress = new ScanProgress("quick", library);
                new Scanner(TestDatabases.database(pool), new PropertiesTagReader(), new Scanner.Settings(2, Duration.ofDays(30)))
                        .scan(library, music, Optional.empty(), false, progress);

                assertThat(progress.snapshot().toRead()).isEqualTo(1);
                try (Connection c = pool.getConnection(); var s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT t.path, convert_from(l.data, 'UTF8') FROM track_lyrics l JOIN tracks t ON t.id = l.track_id")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("A/01.mp3 Hello");
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    /** The scan of a library without lyrics sends no statement about them: the common case costs nothing extra. */
    @Test
    void filesWithoutLyricsCostNoLyricsStatement() throws Exception {
        List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
        scanner = new Scanner(recording(db, statements), new PropertiesTagReader(), new Scanner.Settings(2, Duration.ofDays(30)));
        album("A", "One", "Alpha", 3);
        scan(false);
        PropertiesTagReader.write(root.resolve("A/02.mp3"), "title", "Changed", "artist", "Alpha", "album", "One");
        touch(root.resolve("A/02.mp3"));
        scan(false);
        scan(true);

        assertThat(statements).isNotEmpty().noneMatch(sql -> sql.contains("track_lyrics"));

        PropertiesTagReader.write(root.resolve("A/03.mp3"), "title", "Sung", "artist", "Alpha", "album", "One", "lyrics", "ID3_USLT|eng||Hi");
        touch(root.resolve("A/03.mp3"));
        scan(false);
        assertThat(statements).anyMatch(sql -> sql.contains("track_lyrics"));
    }

    /** {@code db} whose connections note the SQL of every statement they prepare. */
    private static Database recording(Database db, List<String> statements) {
        javax.sql.DataSource source = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(ScannerTest.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, db.dataSource(), args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    return java.lang.reflect.Proxy.newProxyInstance(ScannerTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("prepareStatement")) {
                                    statements.add((String) a[0]);
                                }
                                return invoke(m, connection, a);
                            });
                });
        return new Database() {
            @Override
            public javax.sql.DataSource dataSource() {
                return source;
            }

            @Override
            public String schemaVersion() {
                return db.schemaVersion();
            }

            @Override
            public <T> T inTransaction(SqlWork<T> work) {
                return db.inTransaction(work);
            }

            @Override
            public <T> T read(SqlWork<T> work) {
                return db.read(work);
            }
        };
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Gives the files a new mtime, as an edit would. */
    private static void touch(Path... files) throws java.io.IOException {
        for (Path file : files) {
            Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        }
    }

    /** Every track_lyrics row: "path position kind language description text". */
    private List<String> lyricsRows() throws SQLException {
        return query("SELECT t.path || ' ' || l.position || ' ' || l.kind || ' ' || l.language || ' ' || l.description || ' '"
                + " || convert_from(l.data, 'UTF8') FROM track_lyrics l JOIN tracks t ON t.id = l.track_id ORDER BY t.path, l.position",
                rs -> rs.getString(1));
    }

    @Test
    void aScanAfterOneThatStoppedHalfWaySettlesTheAlbumAndArtistCounts() throws Exception {
        album("A", "One", "Alpha", 3);
        scan(false);
        // as if a scan had written tracks and died before refreshing what derives from them
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE albums SET track_count = 99"));
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE artists SET track_count = 0, album_count = 0"));
        db.inTransaction(c -> c.createStatement().executeUpdate(
                "INSERT INTO library_scans (library_id, kind, started_at) VALUES (" + libraryId + ", 'quick', now() + interval '1 second')"));

        ScanProgress.Snapshot next = scan(false);

        assertThat(next.toRead()).isZero();
        assertThat(query("SELECT track_count FROM albums", rs -> rs.getInt(1))).containsExactly(3);
        assertThat(query("SELECT track_count || '/' || album_count FROM artists WHERE name = 'Alpha'", rs -> rs.getString(1)))
                .containsExactly("3/1");
    }

    @Test
    void aMovedOrRenamedFileKeepsItsTrackId() throws Exception {
        album("Old Folder", "One", "Alpha", 2);
        scan(false);
        long before = query("SELECT id FROM tracks WHERE path = 'Old Folder/01.mp3'", rs -> rs.getLong(1)).get(0);

        Files.createDirectories(root.resolve("New Folder"));
        Files.move(root.resolve("Old Folder/01.mp3"), root.resolve("New Folder/first.mp3"));
        ScanProgress.Snapshot result = scan(false);

        assertThat(result.moved()).isEqualTo(1);
        assertThat(result.added()).isZero();
        assertThat(query("SELECT id FROM tracks WHERE path = 'New Folder/first.mp3'", rs -> rs.getLong(1))).containsExactly(before);
        assertThat(query("SELECT count(*) FROM tracks", rs -> rs.getLong(1))).containsExactly(2L);
    }

    @Test
    void aMoveIntoAnotherFolderIsRecognisedByAScanOfThatFolderOnly() throws Exception {
        album("A", "One", "Alpha", 1);
        Files.createDirectories(root.resolve("B"));
        scan(false);
        long before = query("SELECT id FROM tracks", rs -> rs.getLong(1)).get(0);

        Files.move(root.resolve("A/01.mp3"), root.resolve("B/01.mp3"));
        ScanProgress.Snapshot result = scan(false, Optional.of(Path.of("B")));

        assertThat(result.moved()).isEqualTo(1);
        assertThat(query("SELECT id || ':' || path FROM tracks", rs -> rs.getString(1))).containsExactly(before + ":B/01.mp3");
    }

    @Test
    void aDeletedFileIsMarkedMissingAndComesBackWithItsIdWhenRestored() throws Exception {
        album("A", "One", "Alpha", 2);
        scan(false);
        Path file = root.resolve("A/02.mp3");
        String content = Files.readString(file);
        long id = query("SELECT id FROM tracks WHERE path = 'A/02.mp3'", rs -> rs.getLong(1)).get(0);
        Files.delete(file);

        ScanProgress.Snapshot gone = scan(false);
        assertThat(gone.missing()).isEqualTo(1);
        assertThat(query("SELECT missing_since IS NOT NULL FROM tracks WHERE id = " + id, rs -> rs.getBoolean(1))).containsExactly(true);
        assertThat(query("SELECT track_count FROM albums", rs -> rs.getInt(1))).containsExactly(1);

        Files.writeString(file, content);
        scan(false);
        assertThat(query("SELECT id FROM tracks WHERE path = 'A/02.mp3' AND missing_since IS NULL", rs -> rs.getLong(1)))
                .containsExactly(id);
    }

    @Test
    void anAlbumsGenresFollowItsTracksWhenOneGoesMissingAndComesBack() throws Exception {
        PropertiesTagReader.write(root.resolve("A/01.mp3"), "title", "One", "artist", "Alpha", "album", "Mixed", "genre", "Rock");
        Path jazz = root.resolve("A/02.mp3");
        PropertiesTagReader.write(jazz, "title", "Two", "artist", "Alpha", "album", "Mixed", "genre", "Jazz");
        scan(false);
        assertThat(albumGenres("Mixed")).containsExactly("Jazz", "Rock");
        String content = Files.readString(jazz);

        Files.delete(jazz);
        scan(false);
        assertThat(albumGenres("Mixed")).as("the Jazz track is missing").containsExactly("Rock");

        Files.writeString(jazz, content);
        scan(false);
        assertThat(albumGenres("Mixed")).as("and back").containsExactly("Jazz", "Rock");
    }

    private List<String> albumGenres(String title) throws SQLException {
        return query("SELECT g.name FROM album_genres ag JOIN genres g ON g.id = ag.genre_id JOIN albums al ON al.id = ag.album_id"
                + " WHERE al.title = '" + title + "' ORDER BY g.name", rs -> rs.getString(1));
    }

    @Test
    void longMissingTracksArePurgedWithTheirEmptyAlbumsAndArtists() throws Exception {
        album("A", "One", "Alpha", 1);
        album("B", "Two", "Beta", 1);
        scan(false);
        Files.delete(root.resolve("B/01.mp3"));
        scan(false);
        db.inTransaction(c -> c.createStatement().executeUpdate("UPDATE tracks SET missing_since = now() - interval '31 days'"
                + " WHERE missing_since IS NOT NULL"));

        scan(false);

        assertThat(query("SELECT path FROM tracks", rs -> rs.getString(1))).containsExactly("A/01.mp3");
        assertThat(query("SELECT title FROM albums", rs -> rs.getString(1))).containsExactly("One");
        assertThat(query("SELECT name FROM artists", rs -> rs.getString(1))).containsExactly("Alpha");
    }

    @Test
    void corruptFilesAreSkippedCountedAndReportedWithTheirPath() throws Exception {
        album("A", "One", "Alpha", 2);
        Files.writeString(root.resolve("A/broken.mp3"), "garbage without tags");
        Files.createDirectories(root.resolve(".hidden"));
        Files.writeString(root.resolve(".hidden/skip.mp3"), "title=hidden");
        Files.writeString(root.resolve("A/cover.jpg"), "not audio");

        ScanProgress.Snapshot result = scan(false);

        assertThat(result.filesSeen()).isEqualTo(3);
        assertThat(result.added()).isEqualTo(2);
        assertThat(result.errors()).isEqualTo(1);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("A/broken.mp3");
            assertThat(p.reason()).contains("not an MP3 file");
        });
        assertThat(query("SELECT errors::text FROM library_scans ORDER BY id DESC LIMIT 1", rs -> rs.getString(1)).get(0))
                .contains("A/broken.mp3");
    }

    @Test
    void anUnchangedBrokenFileIsNotReReadButStillReportedAndAFixedOneIsRead() throws Exception {
        album("A", "One", "Alpha", 1);
        Path broken = root.resolve("A/broken.mp3");
        Files.writeString(broken, "garbage");
        scan(false);

        ScanProgress.Snapshot again = scan(false);
        assertThat(again.toRead()).isZero();
        assertThat(again.errors()).isEqualTo(1);
        assertThat(again.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("unchanged since an earlier scan"));

        PropertiesTagReader.write(broken, "title", "Fixed", "artist", "Alpha", "album", "One", "albumartist", "Alpha");
        Files.setLastModifiedTime(broken, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        ScanProgress.Snapshot fixed = scan(false);
        assertThat(fixed.added()).isEqualTo(1);
        assertThat(fixed.errors()).isZero();
        assertThat(query("SELECT count(*) FROM unreadable_files", rs -> rs.getLong(1))).containsExactly(0L);
    }

    @Test
    void artistAndGenreCountsFollowTheCatalog() throws Exception {
        album("A", "One", "Alpha", 3);
        scan(false);
        assertThat(query("SELECT track_count || '/' || album_count FROM artists WHERE name = 'Alpha'", rs -> rs.getString(1)))
                .containsExactly("3/1");
        assertThat(query("SELECT track_count || '/' || album_count FROM genres WHERE name = 'Rock'", rs -> rs.getString(1)))
                .containsExactly("3/1");

        Files.delete(root.resolve("A/01.mp3"));
        scan(false);
        assertThat(query("SELECT track_count FROM artists WHERE name = 'Alpha'", rs -> rs.getInt(1))).containsExactly(2);
        assertThat(query("SELECT track_count FROM genres WHERE name = 'Rock'", rs -> rs.getInt(1))).containsExactly(2);
    }

    @Test
    void aQuickScanSearchesCoversOnlyWhereOneMayHaveAppeared() throws Exception {
        java.util.concurrent.atomic.AtomicInteger embeddedReads = new java.util.concurrent.atomic.AtomicInteger();
        PropertiesTagReader tags = new PropertiesTagReader();
        dev.resonance.impl.library.tags.TagReader counting = new dev.resonance.impl.library.tags.TagReader() {
            @Override
            public java.util.Set<String> extensions() {
                return tags.extensions();
            }

            @Override
            public dev.resonance.impl.library.tags.AudioTags read(Path file) throws java.io.IOException,
                    dev.resonance.impl.library.tags.TagReader.UnreadableAudioException {
                return tags.read(file);
            }

            @Override
            public Optional<EmbeddedPicture> embeddedPicture(Path file) {
                embeddedReads.incrementAndGet();
                return Optional.empty();
            }
        };
        scanner = new Scanner(db, counting, new Scanner.Settings(2, Duration.ofDays(30)),
                Optional.of(new dev.resonance.impl.library.images.ImageStore(db, Files.createTempDirectory("covers"))));
        album("A/Plain", "Plain", "Ann", 2);
        album("B/Edited", "Edited", "Bob", 2);
        album("C/Framed", "Framed", "Cy", 2);
        java.nio.file.attribute.FileTime anHourAgo = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600));
        for (String folder : List.of("A/Plain", "B/Edited", "C/Framed")) {
            Files.setLastModifiedTime(root.resolve(folder), anHourAgo); // as if the folders were copied in long ago
        }
        scan(false);
        assertThat(embeddedReads.get()).as("the first scan searches every album").isEqualTo(3);

        embeddedReads.set(0);
        scan(false);
        assertThat(embeddedReads.get()).as("nothing changed: no album is searched again").isZero();

        // a changed track (its embedded art may be new) and a picture dropped into a folder
        PropertiesTagReader.write(root.resolve("B/Edited/01.mp3"), "title", "Edited song 1 (remaster)", "artist", "Bob",
                "album", "Edited", "albumartist", "Bob", "track", "1", "genre", "Rock", "date", "2020-05-01");
        Files.setLastModifiedTime(root.resolve("B/Edited"), anHourAgo);
        java.awt.image.BufferedImage red = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        red.getGraphics().fillRect(0, 0, 64, 64);
        javax.imageio.ImageIO.write(red, "png", root.resolve("C/Framed/cover.png").toFile());
        embeddedReads.set(0);
        scan(false);

        assertThat(embeddedReads.get()).as("only the album with a changed track reads embedded art").isEqualTo(1);
        assertThat(query("SELECT title FROM albums WHERE cover_image_id IS NOT NULL", rs -> rs.getString(1)))
                .as("the folder's new picture is found").containsExactly("Framed");
        embeddedReads.set(0);
        scan(true);
        assertThat(embeddedReads.get()).as("a full scan searches every album again").isEqualTo(2); // Framed has its folder image
    }

    @Test
    void aScanOutsideTheLibraryIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scan(false, Optional.of(Path.of("../../etc"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
