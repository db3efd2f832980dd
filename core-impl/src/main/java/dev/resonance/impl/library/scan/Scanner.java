package dev.resonance.impl.library.scan;

import dev.resonance.api.db.Database;
import dev.resonance.impl.library.LibraryRoot;
import dev.resonance.impl.library.search.SearchIndex;
import dev.resonance.impl.library.tags.AudioTags;
import dev.resonance.impl.library.tags.TagReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one library's catalog in line with its folder: walk (directory entries only), diff against the catalog
 * by path + size + mtime, read the tags of new and changed files in parallel, write them in batches, recognise
 * moved files by their persistent id, mark vanished files missing and purge long-missing ones.
 *
 * <p>A quick scan reads only new and changed files; a full scan re-reads every file. A scan may be limited to one
 * folder of the library (what the watcher asks for); files outside it are left alone.
 */
public final class Scanner {

    private static final Logger LOG = LoggerFactory.getLogger(Scanner.class);
    static final int BATCH = 500;
    /** How long the writer waits for the next file's tags before it gives up on the readers (a hung mount). */
    private static final Duration READ_STALL = Duration.ofMinutes(5);

    /** Tunables. */
    public record Settings(int readers, Duration purgeMissingAfter) {
    }

    /**
     * The hand-off between the tag readers and the writer: batch size, queue capacity, and a hook run before each
     * batch is written. Package-private so a test can make a slow writer meet a full queue.
     */
    record Pipeline(int batch, java.util.function.Supplier<BlockingQueue<Object>> queue, WriteHook beforeWrite) {
        static final Pipeline DEFAULT = new Pipeline(BATCH, () -> new ArrayBlockingQueue<>(BATCH * 4), () -> { });
    }

    /** Runs on the writer thread before a batch is written. */
    interface WriteHook {
        void beforeWrite() throws InterruptedException;
    }

    /** What a reader thread hands over when it dies of something {@link #readOne} does not catch (an Error). */
    private record ReaderFailed(Throwable cause) {
    }

    private final Database db;
    private final TagReader reader;
    private volatile Settings settings;
    private final Optional<CoverFinder> covers;
    private final ScanMetrics metrics;
    private volatile Pipeline pipeline = Pipeline.DEFAULT;

    public Scanner(Database db, TagReader reader, Settings settings) {
        this(db, reader, settings, Optional.empty());
    }

    /** With {@code images}, albums without a cover get one from their folder or their first track. */
    public Scanner(Database db, TagReader reader, Settings settings, Optional<dev.resonance.impl.library.images.ImageStore> images) {
        this(db, reader, settings, images, new SimpleMeterRegistry());
    }

    /** Measured in {@code metrics} ({@link ScanMetrics}). */
    public Scanner(Database db, TagReader reader, Settings settings, Optional<dev.resonance.impl.library.images.ImageStore> images,
                   MeterRegistry metrics) {
        this.db = db;
        this.reader = reader;
        this.settings = settings;
        this.covers = images.map(store -> new CoverFinder(store, reader, settings.readers()));
        this.metrics = new ScanMetrics(metrics);
    }

    /** The progress of a scan about to run, counted in this scanner's metrics however it ends (skipped included). */
    public ScanProgress progress(String kind, long libraryId) {
        return new ScanProgress(kind, libraryId).measuredBy(metrics);
    }

    /** Settings for the scans that start from now on (a configuration change); a running scan keeps its own. */
    public void update(Settings next) {
        settings = next;
    }

    /** For tests: another hand-off between readers and writer. */
    Scanner pipeline(Pipeline pipeline) {
        this.pipeline = pipeline;
        return this;
    }

    /**
     * Scans {@code folder} (the library root, or a folder inside it) of library {@code libraryId} rooted at
     * {@code root}. Progress is published in {@code progress} as it goes.
     */
    public void scan(long libraryId, Path libraryRoot, Optional<Path> folder, boolean full, ScanProgress progress)
            throws IOException, SQLException, InterruptedException {
        progress.measuredBy(metrics);
        LibraryRoot library = LibraryRoot.of(libraryRoot);
        Path root = library.path();
        Path start = folder.map(f -> root.resolve(f).normalize()).orElse(root);
        if (!start.startsWith(root)) {
            throw new IllegalArgumentException("folder outside the library: " + folder.get());
        }
        String prefix = start.equals(root) ? "" : LibraryWalker.relative(root, start) + "/";
        try (Connection c = db.dataSource().getConnection()) {
            // the caller holds the library's scan lock: a row still running belongs to a scan that died with its node
            int interrupted = ScanRecords.closeInterrupted(c, libraryId);
            if (interrupted > 0) {
                LOG.info("{} earlier scan(s) of library {} ended with their process: recorded as interrupted", interrupted, libraryId);
            }
            Optional<CoverFinder.LastSearch> lastCoverSearch = ScanRecords.lastDone(c, libraryId);
            boolean previousFinished = ScanRecords.latestDone(c, libraryId);
            long scanId = ScanRecords.start(c, libraryId, ScanRecords.kind(full, folder));
            try {
                walkReadAndFinish(c, libraryId, root, library, start, prefix, full, progress, lastCoverSearch, previousFinished);
                ScanRecords.end(c, scanId, "done", progress);
            } catch (Exception | Error e) {
                recordEnd(scanId, e instanceof InterruptedException ? "cancelled" : "failed", progress);
                throw e;
            }
        }
    }

    /** Closes the record of a scan that stopped, on a connection of its own (the scan's may be what failed). */
    private void recordEnd(long scanId, String state, ScanProgress progress) {
        boolean interrupted = Thread.interrupted(); // the pool would refuse an interrupted thread a connection
        try (Connection own = db.dataSource().getConnection()) {
            own.setAutoCommit(true);
            ScanRecords.end(own, scanId, state, progress);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Scan {} not recorded as {}: {}", scanId, state, e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The scan itself, between the start and the end of its record. */
    private void walkReadAndFinish(Connection c, long libraryId, Path root, LibraryRoot library, Path start, String prefix, boolean full,
                              ScanProgress progress, Optional<CoverFinder.LastSearch> lastCoverSearch, boolean previousFinished)
            throws IOException, SQLException, InterruptedException {
        Map<String, CatalogWriter.KnownTrack> known = CatalogWriter.knownTracks(c, libraryId);
        Map<String, Unreadable> unreadable = unreadable(c, libraryId);
        progress.state("walking");

        // the walk hands over each file as it finds it (from several threads): only the files to read are kept
        boolean[] seen = new boolean[known.size()];
        Queue<FileEntry> changed = new ConcurrentLinkedQueue<>();
        Queue<Long> reappeared = new ConcurrentLinkedQueue<>();
        Map<String, Unreadable> stillUnreadable = new java.util.concurrent.ConcurrentHashMap<>();
        if (Files.isDirectory(start)) { // a folder that is gone: its tracks are marked missing below
            new LibraryWalker(reader.extensions(), settings.readers()).walk(library, start,
                    (p, why) -> progress.problem(LibraryWalker.relative(root, p), why), f -> {
                        progress.filesSeen.incrementAndGet();
                        CatalogWriter.KnownTrack k = known.get(f.relativePath());
                        if (k != null) {
                            seen[k.index()] = true;
                        }
                        Unreadable broken = unreadable.get(f.relativePath());
                        if (!full && k == null && broken != null && broken.size() == f.size() && broken.mtime() == f.mtimeMillis()) {
                            progress.problem(f.relativePath(), broken.reason() + " (unchanged since an earlier scan)");
                            stillUnreadable.put(f.relativePath(), broken);
                        } else if (full || k == null || k.size() != f.size() || k.mtime() != f.mtimeMillis()) {
                            changed.add(f);
                        } else if (k.missing()) {
                            reappeared.add(k.id());
                        }
                    });
        }
        // read in path order, as a single-threaded walk would: albums are written folder by folder
        List<FileEntry> toRead = new ArrayList<>(changed);
        toRead.sort(java.util.Comparator.comparing(FileEntry::relativePath));
        CatalogWriter.MoveFinder movable = moveFinder(c, root, known, seen, prefix);
        progress.toRead.set(toRead.size());
        progress.state("reading");
        readAndWrite(c, libraryId, root, toRead, known, movable, progress, stillUnreadable);

        progress.state("finishing");
        List<Long> goneFrom = markMissing(c, libraryId, known, seen, prefix);
        int missing = goneFrom.size();
        progress.missing.set(missing);
        List<Long> backIn = clearMissing(c, List.copyOf(reappeared));
        // the albums that lost or regained tracks: their genres are their present tracks' genres
        CatalogWriter.syncAlbumGenres(c, java.util.stream.Stream.concat(goneFrom.stream(), backIn.stream())
                .filter(java.util.Objects::nonNull).distinct().toList());
        int purged = purge(c, libraryId);
        rememberUnreadable(c, libraryId, prefix, stillUnreadable);
        int changes = progress.added.get() + progress.updated.get() + progress.moved.get() + missing + purged + reappeared.size();
        // the derived data (albums and artists nothing refers to, album and artist counts) can only be out of date
        // after a change, or when the scan before this one stopped between its writes and this step
        if (changes > 0 || !previousFinished) {
            deleteOrphans(c, libraryId);
            refreshAlbums(c, libraryId);
            refreshCounts(c);
        }
        // rows without a search document (written before search existed): indexed once, here
        int indexed = SearchIndex.backfill(c);
        if (indexed > 0) {
            LOG.info("Indexed {} catalog row(s) for search", indexed);
        }
        if (changes > 0 || indexed > 0) {
            SearchIndex.mergePending(c);
        }
        if (changes >= 1000 || changes > known.size() / 10) {
            // after a bulk change the planner's statistics are stale (e.g. it seq-scans artists per album row
            // until autovacuum catches up): refresh them now rather than serve slow browse pages meanwhile
            progress.state("analyzing");
            try (var s = c.createStatement()) {
                s.execute("ANALYZE artists, albums, album_artists, album_genres, tracks, track_artists, track_genres, genres, images,"
                        + " search_words");
            }
        }
        if (covers.isPresent()) {
            progress.state("covers");
            covers.get().run(c, libraryId, library, full ? Optional.empty() : lastCoverSearch, progress);
        }
    }

    /**
     * A new file takes over the row of a track with the same persistent id whose file is gone: one this scan did not
     * see inside its folder, one already missing, or — for a scan of one folder — one elsewhere whose file no longer
     * exists (checked only when a new file claims it, so a folder scan does not stat the whole library).
     */
    private static CatalogWriter.MoveFinder moveFinder(Connection c, Path root, Map<String, CatalogWriter.KnownTrack> known,
                                                      boolean[] seen, String prefix) {
        List<CatalogWriter.KnownTrack> unseen = known.values().stream().filter(k -> !seen[k.index()]).toList();
        if (unseen.isEmpty()) {
            return pid -> Optional.empty();
        }
        return new CatalogWriter.MoveFinder() {
            /** The unseen rows by persistent id, read when a new file first asks (most scans have no new file). */
            private Map<String, List<CatalogWriter.KnownTrack>> byPid;

            @Override
            public Optional<CatalogWriter.KnownTrack> take(String pid) throws SQLException {
                if (byPid == null) {
                    byPid = byPid(c, unseen);
                }
                List<CatalogWriter.KnownTrack> candidates = byPid.get(pid);
                if (candidates == null) {
                    return Optional.empty();
                }
                for (var it = candidates.iterator(); it.hasNext(); ) {
                    CatalogWriter.KnownTrack k = it.next();
                    if (k.missing() || k.path().startsWith(prefix) || !Files.exists(root.resolve(k.path()))) {
                        it.remove();
                        return Optional.of(k);
                    }
                }
                return Optional.empty();
            }
        };
    }

    private static Map<String, List<CatalogWriter.KnownTrack>> byPid(Connection c, List<CatalogWriter.KnownTrack> tracks) throws SQLException {
        Map<Long, CatalogWriter.KnownTrack> byId = new HashMap<>();
        tracks.forEach(k -> byId.put(k.id(), k));
        Map<String, List<CatalogWriter.KnownTrack>> byPid = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, pid FROM tracks WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", byId.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byPid.computeIfAbsent(rs.getString(2), p -> new ArrayList<>(1)).add(byId.get(rs.getLong(1)));
                }
            }
        }
        return byPid;
    }

    private void readAndWrite(Connection c, long libraryId, Path root, List<FileEntry> toRead, Map<String, CatalogWriter.KnownTrack> known,
                              CatalogWriter.MoveFinder movable, ScanProgress progress, Map<String, Unreadable> failures)
            throws SQLException, InterruptedException {
        if (toRead.isEmpty()) {
            return;
        }
        CatalogWriter writer = new CatalogWriter(c, libraryId);
        Pipeline pipe = pipeline;
        // The writer counts what it takes against toRead, so no end marker is needed (one offered to a full queue
        // was lost once: the writer waited out the stall timeout although every file had been read). Readers put()
        // every result, even a failure, and block while the writer is behind; shutdownNow() below wakes them.
        BlockingQueue<Object> results = pipe.queue().get();
        int threads = Math.max(1, settings.readers());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "resonance-scan-reader");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger next = new AtomicInteger();
        try {
            for (int i = 0; i < threads; i++) {
                pool.execute(() -> {
                    try {
                        for (int n = next.getAndIncrement(); n < toRead.size() && !Thread.currentThread().isInterrupted();
                             n = next.getAndIncrement()) {
                            results.put(readOne(root, toRead.get(n), progress, failures));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the scan is stopping
                    } catch (Throwable e) { // NOPMD: an Error must still reach the writer, or it would wait for this file
                        try {
                            results.put(new ReaderFailed(e));
                        } catch (InterruptedException stopping) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
            }
            List<TrackFacts> batch = new ArrayList<>(pipe.batch());
            for (int taken = 0; taken < toRead.size(); taken++) {
                Object item = results.poll(READ_STALL.toMillis(), TimeUnit.MILLISECONDS);
                if (item == null) {
                    throw new IllegalStateException("tag readers stalled: no file read for " + READ_STALL.toMinutes() + " minutes");
                }
                if (item instanceof ReaderFailed failed) {
                    throw new IllegalStateException("a tag reader failed: " + failed.cause(), failed.cause());
                }
                if (item instanceof TrackFacts facts) {
                    batch.add(facts);
                    if (batch.size() == pipe.batch()) {
                        pipe.beforeWrite().beforeWrite();
                        flush(writer, batch, known, movable, progress);
                    }
                }
                progress.fileProcessed();
            }
            if (!batch.isEmpty()) { // the last, partial batch
                pipe.beforeWrite().beforeWrite();
                flush(writer, batch, known, movable, progress);
            }
        } finally {
            pool.shutdownNow();
            awaitReaders(pool);
        }
    }

    /** Waits for the readers to stop (they were interrupted), keeping the caller's interrupt. */
    private static void awaitReaders(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Tag readers still busy 30 s after the scan stopped them (a hung file system?)");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Object readOne(Path root, FileEntry file, ScanProgress progress, Map<String, Unreadable> failures) {
        String reason;
        try {
            AudioTags tags = reader.read(file.in(root));
            tags.warnings().forEach(warning -> progress.problem(file.relativePath(), warning));
            return TrackFacts.of(file, tags);
        } catch (TagReader.UnreadableAudioException e) {
            reason = e.getMessage();
        } catch (IOException e) {
            reason = "cannot read: " + e.getMessage();
        } catch (RuntimeException e) {
            // a reader bug must not stop the scan: report the file and go on
            reason = "unexpected " + e.getClass().getSimpleName() + " while reading tags";
            LOG.debug("Tag reading failed for {}", file.relativePath(), e);
        }
        if (Thread.currentThread().isInterrupted()) {
            return file; // the scan is stopping (a read interrupted by it is not the file's fault); nobody takes this
        }
        progress.problem(file.relativePath(), reason);
        failures.put(file.relativePath(), new Unreadable(file.size(), file.mtimeMillis(), reason));
        return file; // counted as processed, not written
    }

    /** A file a scan could not read, remembered with its size and mtime. */
    record Unreadable(long size, long mtime, String reason) {
    }

    private static Map<String, Unreadable> unreadable(Connection c, long libraryId) throws SQLException {
        Map<String, Unreadable> result = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT path, file_size, file_mtime, reason FROM unreadable_files WHERE library_id = ?")) {
            ps.setLong(1, libraryId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), new Unreadable(rs.getLong(2), rs.getLong(3), rs.getString(4)));
                }
            }
        }
        return result;
    }

    /** Replaces what is remembered as unreadable under the scanned folder with what this scan found. */
    private static void rememberUnreadable(Connection c, long libraryId, String prefix, Map<String, Unreadable> now) throws SQLException {
        try (PreparedStatement clear = c.prepareStatement("DELETE FROM unreadable_files WHERE library_id = ? AND left(path, ?) = ?");
             PreparedStatement add = c.prepareStatement("INSERT INTO unreadable_files (library_id, path, file_size, file_mtime, reason)"
                     + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (library_id, path) DO UPDATE SET file_size = excluded.file_size,"
                     + " file_mtime = excluded.file_mtime, reason = excluded.reason")) {
            clear.setLong(1, libraryId);
            clear.setInt(2, prefix.length());
            clear.setString(3, prefix);
            clear.executeUpdate();
            for (Map.Entry<String, Unreadable> e : now.entrySet()) {
                add.setLong(1, libraryId);
                add.setString(2, e.getKey());
                add.setLong(3, e.getValue().size());
                add.setLong(4, e.getValue().mtime());
                add.setString(5, e.getValue().reason());
                add.addBatch();
            }
            add.executeBatch();
        }
    }

    /**
     * Refreshes the per-artist and per-genre counts the browse lists filter and sort on, so listing artists or
     * genres never aggregates the whole catalog. Runs only when a scan changed something (and when a library is removed).
     */
    public static void refreshCounts(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.executeUpdate("UPDATE artists ar SET track_count = coalesce(x.n, 0), album_count = coalesce(y.n, 0)"
                    + " FROM artists a2"
                    + " LEFT JOIN (SELECT ta.artist_id, count(DISTINCT ta.track_id) n FROM track_artists ta JOIN tracks t ON t.id = ta.track_id"
                    + "  WHERE t.missing_since IS NULL GROUP BY ta.artist_id) x ON x.artist_id = a2.id"
                    + " LEFT JOIN (SELECT aa.artist_id, count(*) n FROM album_artists aa JOIN albums al ON al.id = aa.album_id"
                    + "  WHERE al.track_count > 0 GROUP BY aa.artist_id) y ON y.artist_id = a2.id"
                    + " WHERE ar.id = a2.id AND (ar.track_count, ar.album_count) IS DISTINCT FROM (coalesce(x.n, 0), coalesce(y.n, 0))");
            s.executeUpdate("UPDATE genres g SET track_count = coalesce(x.tracks, 0), album_count = coalesce(x.albums, 0)"
                    + " FROM genres g2 LEFT JOIN (SELECT tg.genre_id, count(*) tracks, count(DISTINCT t.album_id) albums FROM track_genres tg"
                    + "  JOIN tracks t ON t.id = tg.track_id WHERE t.missing_since IS NULL GROUP BY tg.genre_id) x ON x.genre_id = g2.id"
                    + " WHERE g.id = g2.id AND (g.track_count, g.album_count) IS DISTINCT FROM (coalesce(x.tracks, 0), coalesce(x.albums, 0))");
        }
    }

    private static void flush(CatalogWriter writer, List<TrackFacts> batch, Map<String, CatalogWriter.KnownTrack> known,
                              CatalogWriter.MoveFinder movable, ScanProgress progress) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        CatalogWriter.Written written = writer.write(batch, known, movable);
        progress.added.addAndGet(written.added());
        progress.updated.addAndGet(written.updated());
        progress.moved.addAndGet(written.moved());
        batch.clear();
    }

    /** Marks the files not seen as missing; returns the album of each track marked (null for none). */
    private static List<Long> markMissing(Connection c, long libraryId, Map<String, CatalogWriter.KnownTrack> known, boolean[] seen,
                                          String prefix) throws SQLException {
        List<Long> gone = new ArrayList<>();
        for (CatalogWriter.KnownTrack k : known.values()) {
            if (!k.missing() && k.path().startsWith(prefix) && !seen[k.index()]) {
                gone.add(k.id());
            }
        }
        if (gone.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE tracks SET missing_since = now()"
                + " WHERE id = ANY (?) AND missing_since IS NULL AND library_id = ? RETURNING album_id")) {
            ps.setArray(1, c.createArrayOf("bigint", gone.toArray()));
            ps.setLong(2, libraryId);
            return albumsOf(ps);
        }
    }

    private static List<Long> albumsOf(PreparedStatement ps) throws SQLException {
        List<Long> albums = new ArrayList<>();
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                long album = rs.getLong(1);
                albums.add(rs.wasNull() ? null : album);
            }
        }
        return albums;
    }

    /** Clears the missing mark of files that are back (a change: they are in the catalog again); returns the album of each (null for none). */
    private static List<Long> clearMissing(Connection c, List<Long> reappeared) throws SQLException {
        if (reappeared.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tracks SET missing_since = NULL, updated_at = now() WHERE id = ANY (?) RETURNING album_id")) {
            ps.setArray(1, c.createArrayOf("bigint", reappeared.toArray()));
            return albumsOf(ps);
        }
    }

    /** Deletes tracks missing for longer than the policy allows. */
    private int purge(Connection c, long libraryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tracks WHERE library_id = ? AND missing_since < ?")) {
            ps.setLong(1, libraryId);
            ps.setTimestamp(2, Timestamp.from(Instant.now().minus(settings.purgeMissingAfter())));
            int purged = ps.executeUpdate();
            if (purged > 0) {
                LOG.info("Purged {} track(s) missing for more than {} day(s)", purged, settings.purgeMissingAfter().toDays());
            }
            return purged;
        }
    }

    /** Deletes the library's albums without tracks, and artists nothing credits. */
    private static void deleteOrphans(Connection c, long libraryId) throws SQLException {
        try (PreparedStatement albums = c.prepareStatement(
                "DELETE FROM albums a WHERE a.library_id = ? AND NOT EXISTS (SELECT 1 FROM tracks t WHERE t.album_id = a.id)");
             PreparedStatement artists = c.prepareStatement(
                     "DELETE FROM artists ar WHERE NOT EXISTS (SELECT 1 FROM track_artists ta WHERE ta.artist_id = ar.id)"
                             + " AND NOT EXISTS (SELECT 1 FROM album_artists aa WHERE aa.artist_id = ar.id)")) {
            albums.setLong(1, libraryId);
            albums.executeUpdate();
            artists.executeUpdate();
        }
    }

    private static void refreshAlbums(Connection c, long libraryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE albums a SET track_count = coalesce(s.n, 0), duration_ms = coalesce(s.d, 0)"
                        + " FROM albums a2 LEFT JOIN (SELECT album_id, count(*) n, sum(duration_ms) d FROM tracks"
                        + " WHERE library_id = ? AND missing_since IS NULL GROUP BY album_id) s ON s.album_id = a2.id"
                        + " WHERE a.id = a2.id AND a.library_id = ?"
                        + " AND (a.track_count IS DISTINCT FROM coalesce(s.n, 0) OR a.duration_ms IS DISTINCT FROM coalesce(s.d, 0))")) {
            ps.setLong(1, libraryId);
            ps.setLong(2, libraryId);
            ps.executeUpdate();
        }
    }
}
