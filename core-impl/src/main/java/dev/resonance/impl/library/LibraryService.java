package dev.resonance.impl.library;

import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.library.scan.ScanProgress;
import dev.resonance.impl.library.scan.ScanRecords;
import dev.resonance.impl.library.scan.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Libraries (music folders) and their scans. Scans run one at a time on a background thread of this node, and
 * once across the cluster (a PostgreSQL advisory lock per library, held for the scan).
 */
public final class LibraryService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LibraryService.class);

    /** A music folder. */
    public record Library(long id, String name, String path) {
    }

    /**
     * What the scan endpoint answers. {@code last}: the latest ended scan of each library and kind (full, quick,
     * folder), so a watcher's folder scan does not hide the result of a full scan; a scan that died with its node shows
     * as {@code interrupted} once the next scan of its library starts.
     */
    public record ScanStatus(boolean running, Optional<ScanProgress.Snapshot> current, List<ScanProgress.Snapshot> last) {
    }

    private final Database db;
    private final Scanner scanner;
    private final dev.resonance.impl.library.images.ImageStore images;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "resonance-library-scan");
        t.setDaemon(true);
        return t;
    });
    private volatile ScanProgress current;
    /** This node's latest scan per library and kind, also those that left no record (skipped, folder unreadable). */
    private final Map<LastKey, ScanProgress.Snapshot> last = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Set<java.util.function.Consumer<ScanProgress.Snapshot>> progressListeners =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "resonance-library-progress");
        t.setDaemon(true);
        return t;
    });

    public LibraryService(Database db, Scanner scanner, dev.resonance.impl.library.images.ImageStore images) {
        this.db = db;
        this.scanner = scanner;
        this.images = images;
    }

    /**
     * Calls {@code listener} with the running scan's progress once a second and with each library's final state, on
     * a library thread (it must not block), until the returned handle is closed. For the web app's live progress.
     */
    public AutoCloseable onProgress(java.util.function.Consumer<ScanProgress.Snapshot> listener) {
        progressListeners.add(listener);
        return () -> progressListeners.remove(listener);
    }

    private void announce(ScanProgress progress) {
        if (progress == null || progressListeners.isEmpty()) {
            return;
        }
        ScanProgress.Snapshot snapshot = progress.snapshot();
        for (java.util.function.Consumer<ScanProgress.Snapshot> listener : progressListeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("A scan progress listener failed: {}", e.toString());
            }
        }
    }

    /** Moves each time a scan on this node ends: what was derived from the catalog before may be stale. */
    public long catalogGeneration() {
        return generation.get();
    }

    /** Where cover art lives. */
    public dev.resonance.impl.library.images.ImageStore images() {
        return images;
    }

    /** The library the configuration manages ({@code MUSIC_LIBRARY_PATH}); the admin API manages the others. */
    public static final String CONFIGURED = "Music";

    /** The longest library name. */
    public static final int MAX_NAME = 100;

    /**
     * Called after an admin added, changed or removed a library (the library component then watches and scans what is
     * new). One listener: the component that owns the watchers.
     */
    private volatile Runnable librariesChanged = () -> { };

    public void onLibrariesChanged(Runnable listener) {
        librariesChanged = listener == null ? () -> { } : listener;
    }

    /** Adds a library as a request asks for it (REST's body, GraphQL's arguments): both the name and the path are required. */
    public Library createLibrary(Optional<String> name, Optional<String> path) {
        if (name.isEmpty() || path.isEmpty()) {
            throw ResonanceException.invalid("missing_field", "Send {\"name\": \"…\", \"path\": \"/absolute/folder\"}");
        }
        return createLibrary(name.get(), path.get());
    }

    /** Adds a library at {@code path} (an existing, readable folder that neither holds nor lies in another library). */
    public Library createLibrary(String name, String path) {
        String cleanName = libraryName(name);
        Path folder = libraryFolder(path);
        Library created = db.inTransaction(c -> {
            requireSeparate(c, folder, Optional.empty());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO libraries (name, path) VALUES (?, ?)"
                    + " ON CONFLICT DO NOTHING RETURNING id")) {
                ps.setString(1, cleanName);
                ps.setString(2, folder.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ResonanceException.conflict("library_exists", "A library is already called '" + cleanName + "'");
                    }
                    return new Library(rs.getLong(1), cleanName, folder.toString());
                }
            }
        });
        LOG.info("Library '{}' added at {}", created.name(), created.path());
        librariesChanged.run();
        scanFolder(created.id(), Path.of(""));
        return created;
    }

    /**
     * Renames a library and/or points it at another folder (then scanned: tracks no longer under it are marked missing,
     * and purged later). The configured library's folder is {@code MUSIC_LIBRARY_PATH}'s and its name is fixed.
     */
    public Library updateLibrary(long id, Optional<String> name, Optional<String> path) {
        if (name.isEmpty() && path.isEmpty()) {
            throw ResonanceException.invalid("missing_field", "Send the \"name\" or the \"path\" to change");
        }
        Optional<String> cleanName = name.map(LibraryService::libraryName);
        Optional<Path> folder = path.map(LibraryService::libraryFolder);
        Library before = library(id);
        if (before.name().equals(CONFIGURED) && (cleanName.filter(n -> !n.equals(CONFIGURED)).isPresent()
                || folder.filter(f -> !f.toString().equals(before.path())).isPresent())) {
            throw ResonanceException.conflict("library_configured", "Library '" + CONFIGURED + "' follows the server's music "
                    + "folder (MUSIC_LIBRARY_PATH, musicLibraryPath of resonance.core.server): change it there");
        }
        Library after = db.inTransaction(c -> {
            if (folder.isPresent()) {
                requireSeparate(c, folder.get(), Optional.of(id));
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE libraries SET name = ?, path = ?, updated_at = now()"
                    + " WHERE id = ? AND NOT EXISTS (SELECT 1 FROM libraries o WHERE o.name = ? AND o.id <> ?)")) {
                String newName = cleanName.orElse(before.name());
                ps.setString(1, newName);
                ps.setString(2, folder.map(Path::toString).orElse(before.path()));
                ps.setLong(3, id);
                ps.setString(4, newName);
                ps.setLong(5, id);
                if (ps.executeUpdate() == 0) {
                    throw ResonanceException.conflict("library_exists", "A library is already called '" + newName + "'");
                }
                return new Library(id, newName, folder.map(Path::toString).orElse(before.path()));
            }
        });
        if (!after.path().equals(before.path())) {
            LOG.info("Library '{}' moved from {} to {}", after.name(), before.path(), after.path());
            librariesChanged.run();
            scanFolder(id, Path.of(""));
        }
        return after;
    }

    /**
     * Removes a library and everything cataloged from it (albums, tracks, their likes and lyrics; artists keep their
     * rows with updated counts). Waits for a scan of it, on any node, to end first. The configured library cannot be
     * removed here (unset the music folder instead).
     */
    public void deleteLibrary(long id) {
        Library library = library(id);
        if (library.name().equals(CONFIGURED)) {
            throw ResonanceException.conflict("library_configured", "Library '" + CONFIGURED + "' follows the server's music "
                    + "folder (MUSIC_LIBRARY_PATH): it is not removed through the API");
        }
        db.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('resonance.scan'), ?)")) {
                lock.setInt(1, (int) id); // the scan lock: a running scan of this library finishes first
                lock.execute();
            }
            List<String> onlyThis = onlyAccess(c, id);
            if (!onlyThis.isEmpty()) {
                // no access rows means every library: removing the one library they may see would show them all
                throw ResonanceException.conflict("library_only_access", "Library '" + library.name() + "' is the only one "
                        + String.join(", ", onlyThis) + (onlyThis.size() == 1 ? " is" : " are") + " allowed to see: give "
                        + (onlyThis.size() == 1 ? "them" : "each of them") + " other libraries first, or all of them");
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM libraries WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            Scanner.refreshCounts(c);
            return null;
        });
        generation.incrementAndGet();
        LOG.info("Library '{}' ({}) removed with its catalog", library.name(), library.path());
        librariesChanged.run();
    }

    /** The regular users whose access is library {@code id} alone, by name (at most 20). */
    private static List<String> onlyAccess(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT u.username FROM users u JOIN user_library_access a ON a.user_id = u.id"
                + " WHERE a.library_id = ? AND u.role <> 'ADMIN' AND NOT EXISTS (SELECT 1 FROM user_library_access o"
                + " WHERE o.user_id = u.id AND o.library_id <> ?) ORDER BY u.username LIMIT 20")) {
            ps.setLong(1, id);
            ps.setLong(2, id);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    /** Library {@code id}, or 404. */
    public Library library(long id) {
        return libraries().stream().filter(l -> l.id() == id).findFirst()
                .orElseThrow(() -> ResonanceException.notFound("No library " + id));
    }

    private static String libraryName(String name) {
        String clean = name == null ? "" : dev.resonance.impl.input.InputRules.text("name", name).strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME) {
            throw ResonanceException.invalid("invalid_field", "A library's name is 1 to " + MAX_NAME + " characters");
        }
        return clean;
    }

    /** {@code path} as the real, absolute folder it names; 400 unless it is an existing readable folder. */
    private static Path libraryFolder(String path) {
        if (path == null || path.isBlank() || path.indexOf('\0') >= 0) {
            throw ResonanceException.invalid("invalid_field", "A library's path is the absolute path of a folder on the server");
        }
        Path given;
        try {
            given = Path.of(path.strip());
        } catch (java.nio.file.InvalidPathException e) {
            throw ResonanceException.invalid("invalid_field", "Not a path: " + e.getMessage());
        }
        if (!given.isAbsolute()) {
            throw ResonanceException.invalid("invalid_field", "A library's path must be absolute: " + path);
        }
        try {
            Path real = given.toRealPath();
            if (!Files.isDirectory(real) || !Files.isReadable(real)) {
                throw ResonanceException.invalid("library_folder", real + " is not a folder the server can read");
            }
            return real;
        } catch (java.io.IOException e) {
            throw ResonanceException.invalid("library_folder", given + " does not exist on the server");
        }
    }

    /** 409 when {@code folder} is, holds or lies in the folder of another library (a file would be cataloged twice). */
    private static void requireSeparate(Connection c, Path folder, Optional<Long> self) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, path FROM libraries")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (self.isPresent() && self.get() == rs.getLong(1)) {
                        continue;
                    }
                    Path other = Path.of(rs.getString(3));
                    if (folder.startsWith(other) || other.startsWith(folder)) {
                        throw ResonanceException.conflict("library_overlaps", folder + " overlaps library '" + rs.getString(2)
                                + "' (" + other + "): a folder belongs to one library");
                    }
                }
            }
        }
    }

    /** Creates or re-points the library called {@code name}. */
    public Library ensureLibrary(String name, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        long id = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO libraries (name, path) VALUES (?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET path = excluded.path, updated_at = now() RETURNING id")) {
                ps.setString(1, name);
                ps.setString(2, absolute.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Library(id, name, absolute.toString());
    }

    public List<Library> libraries() {
        return db.inTransaction(c -> {
            List<Library> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, path FROM libraries WHERE enabled ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Library(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return all;
        });
    }

    /** A user's library access: {@code restricted} false means every library. */
    public record Access(long userId, boolean restricted, List<Long> libraryIds) {
    }

    public Access access(long userId) {
        return db.inTransaction(c -> {
            requireUser(c, userId);
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT library_id FROM user_library_access WHERE user_id = ? ORDER BY library_id")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return new Access(userId, !ids.isEmpty(), ids);
        });
    }

    /** Restricts a user to {@code libraryIds}; an empty list lifts the restriction (every library). */
    public Access setAccess(long userId, List<Long> libraryIds) {
        if (libraryIds == null) {
            throw ResonanceException.invalid("missing_field", "The field 'libraryIds' is required (an empty list means every library)");
        }
        db.inTransaction(c -> {
            requireUser(c, userId);
            List<Long> known = libraries().stream().map(Library::id).toList();
            for (Long id : libraryIds) {
                if (!known.contains(id)) {
                    throw ResonanceException.notFound("No library " + id);
                }
            }
            try (PreparedStatement clear = c.prepareStatement("DELETE FROM user_library_access WHERE user_id = ?")) {
                clear.setLong(1, userId);
                clear.executeUpdate();
            }
            try (PreparedStatement add = c.prepareStatement(
                    "INSERT INTO user_library_access (user_id, library_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                for (Long id : libraryIds) {
                    add.setLong(1, userId);
                    add.setLong(2, id);
                    add.addBatch();
                }
                add.executeBatch();
            }
            return null;
        });
        return access(userId);
    }

    private static void requireUser(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ResonanceException.notFound("No user " + userId);
                }
            }
        }
    }

    private record LastKey(long libraryId, String kind) {
    }

    public ScanStatus status() {
        ScanProgress running = current;
        Map<LastKey, ScanProgress.Snapshot> latest = new java.util.TreeMap<>(
                java.util.Comparator.comparingLong(LastKey::libraryId).thenComparing(LastKey::kind));
        try {
            db.read(c -> ScanRecords.latestPerKind(c)).forEach(s -> latest.put(new LastKey(s.libraryId(), s.kind()), s));
        } catch (RuntimeException e) {
            LOG.debug("Scan records not read: {}", e.toString()); // the database is down: what this node knows
        }
        // the record of a scan this node ran starts a moment after its progress: a record wins over its own progress,
        // a later scan without a record (skipped, folder unreadable) over an older record
        last.forEach((key, mine) -> latest.merge(key, mine, (recorded, own) -> own.startedAt().isAfter(recorded.startedAt()) ? own : recorded));
        return new ScanStatus(running != null, Optional.ofNullable(running).map(ScanProgress::snapshot), List.copyOf(latest.values()));
    }

    /** Whether a scan of {@code kind} ({@code quick}, the default, or {@code full}; any case) is a full scan. */
    public static boolean fullScan(Optional<String> kind) {
        String k = kind.map(s -> s.toLowerCase(java.util.Locale.ROOT)).orElse("quick");
        if (!k.equals("quick") && !k.equals("full")) {
            throw ResonanceException.invalid("invalid_field", "kind must be 'quick' or 'full'");
        }
        return k.equals("full");
    }

    /** Starts a scan of every library (or one); refused with 409 while a scan runs on this node. */
    public synchronized ScanStatus startScan(boolean full, Optional<Long> libraryId) {
        if (current != null) {
            throw ResonanceException.conflict("scan_running", "A scan is already running: follow it with GET /api/v1/library/scan");
        }
        List<Library> targets = libraries().stream().filter(l -> libraryId.map(id -> id == l.id()).orElse(true)).toList();
        if (targets.isEmpty()) {
            throw libraryId.isPresent() ? ResonanceException.notFound("No library " + libraryId.get())
                    : ResonanceException.conflict("no_library", "No music folder is configured: set MUSIC_LIBRARY_PATH");
        }
        current = scanner.progress(full ? "full" : "quick", targets.get(0).id());
        ScanProgress first = current;
        worker.execute(() -> runScans(targets, full, Optional.empty(), first));
        return status();
    }

    /** Queues a quick scan of one folder (the watcher's request); ignored while a full scan runs. */
    public void scanFolder(long libraryId, Path folder) {
        worker.execute(() -> {
            Optional<Library> library = libraries().stream().filter(l -> l.id() == libraryId).findFirst();
            library.ifPresent(l -> {
                synchronized (this) {
                    if (current != null) {
                        return;
                    }
                    current = scanner.progress(ScanRecords.kind(false, Optional.of(folder)), libraryId);
                }
                runScans(List.of(l), false, Optional.of(folder), current);
            });
        });
    }

    private void runScans(List<Library> targets, boolean full, Optional<Path> folder, ScanProgress firstProgress) {
        ScanProgress progress = firstProgress;
        java.util.concurrent.ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(() -> announce(current), 1, 1,
                java.util.concurrent.TimeUnit.SECONDS);
        try {
            for (Library library : targets) {
                if (progress == null) {
                    progress = scanner.progress(ScanRecords.kind(full, folder), library.id());
                    current = progress;
                }
                runOne(library, full, folder, progress);
                last.put(new LastKey(library.id(), progress.snapshot().kind()), progress.snapshot());
                announce(progress);
                progress = null;
            }
        } finally {
            ticks.cancel(false);
            synchronized (this) {
                current = null;
            }
        }
    }

    private void runOne(Library library, boolean full, Optional<Path> folder, ScanProgress progress) {
        Path root = Path.of(library.path());
        if (!Files.isDirectory(root)) {
            progress.finish("failed");
            LOG.error("Library '{}' not scanned: {} is not a readable folder", library.name(), root);
            return;
        }
        try (Connection lockConnection = db.dataSource().getConnection()) {
            if (!tryLock(lockConnection, library.id())) {
                progress.finish("skipped");
                LOG.info("Library '{}' is being scanned by another node", library.name());
                return;
            }
            try {
                scanner.scan(library.id(), root, folder, full, progress);
                progress.finish("done");
                ScanProgress.Snapshot s = progress.snapshot();
                LOG.info("Scanned '{}'{}: {} files, {} read, {} added, {} updated, {} moved, {} missing, {} errors in {} s ({} files/s; {})",
                        library.name(), folder.map(f -> " (" + f + ")").orElse(""), s.filesSeen(), s.processed(), s.added(),
                        s.updated(), s.moved(), s.missing(), s.errors(),
                        s.finishedAt().map(end -> String.format(java.util.Locale.ROOT, "%.1f",
                                java.time.Duration.between(s.startedAt(), end).toMillis() / 1000.0)).orElse("?"),
                        s.filesPerSecond(), s.phaseMillis().entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " ms")
                                .collect(java.util.stream.Collectors.joining(", ")));
            } finally {
                generation.incrementAndGet();
                unlock(lockConnection, library.id());
            }
        } catch (InterruptedException e) {
            progress.finish("cancelled");
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            progress.finish("failed");
            LOG.error("Scan of library '{}' failed: {}", library.name(), e.getMessage(), e);
        }
    }

    private static boolean tryLock(Connection c, long libraryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext('resonance.scan'), ?)")) {
            ps.setInt(1, (int) libraryId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, long libraryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(hashtext('resonance.scan'), ?)")) {
            ps.setInt(1, (int) libraryId);
            ps.execute();
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
