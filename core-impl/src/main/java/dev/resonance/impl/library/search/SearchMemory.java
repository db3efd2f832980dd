package dev.resonance.impl.library.search;

import dev.resonance.api.db.Database;
import java.lang.ref.SoftReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core search's in-memory index ({@link SearchSnapshot}) on this node, and when it may answer.
 *
 * <p>It answers a search only when it holds what the database holds: each search reads the {@link
 * SearchSnapshot.Fingerprint} (the libraries and their scans: one small statement) and compares it with the snapshot's.
 * What search shows of artists, albums and tracks changes only through a scan (which records itself as running before
 * its first write and as ended after its last) or the removal of a library, on any node; so while a scan runs, or once
 * anything changed, the search runs on PostgreSQL ({@link CatalogSearch}'s statements, always current) and a new
 * snapshot is read in the background, one at a time, when no scan runs. The snapshot that no longer holds is dropped
 * first, so a node never holds two. Nothing is read until the first search (or album listing by offset, {@link
 * AlbumOrders}) asks: a node nobody searches on spends no memory on it.
 *
 * <p>The snapshot is held through a {@link SoftReference}: the collector clears it before the heap runs out, and
 * after a while unused (the JVM keeps a softly reachable object about a second per free megabyte of heap since its
 * last use), so a scan on a small heap never competes with an index nobody is searching; the next search reads it
 * again.
 *
 * <p>Plays change with every listen: the snapshot's are read again, in the background, when they are older than
 * {@link #PLAYS_MAX_AGE} and a search asks (a listen moves search ranking within seconds, not at once).
 */
public final class SearchMemory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchMemory.class);

    /** How old the plays the ranking uses may be before a search has them read again. */
    public static final Duration PLAYS_MAX_AGE = Duration.ofSeconds(10);

    private final Database db;
    private final Clock clock;
    private final Executor background;
    private final Optional<ExecutorService> owned;
    /** The snapshot held, softly: the collector takes it back before the heap runs out (a scan needs it more). */
    private final AtomicReference<SoftReference<SearchSnapshot>> held = new AtomicReference<>(new SoftReference<>(null));
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long playsReadAt;

    /** Reads its snapshots on a daemon thread of its own ({@link #close} stops it). */
    public SearchMemory(Database db, Clock clock) {
        this(db, clock, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "resonance-search-index");
            t.setDaemon(true);
            return t;
        }));
    }

    private SearchMemory(Database db, Clock clock, ExecutorService worker) {
        this(db, clock, worker, Optional.of(worker));
    }

    /** Reads its snapshots where {@code background} runs the refreshes searches ask for (tests: nowhere, by hand). */
    SearchMemory(Database db, Clock clock, Executor background) {
        this(db, clock, background, Optional.empty());
    }

    private SearchMemory(Database db, Clock clock, Executor background, Optional<ExecutorService> owned) {
        this.db = db;
        this.clock = clock;
        this.background = background;
        this.owned = owned;
    }

    /**
     * The snapshot to search now, read on {@code c} (the search's connection), when it holds what the database holds;
     * otherwise empty (search on PostgreSQL), and a new one is asked for.
     */
    Optional<SearchSnapshot> current(Connection c) throws SQLException {
        SearchSnapshot.Fingerprint now = SearchSnapshot.Fingerprint.read(c);
        SearchSnapshot s = snapshot();
        if (s != null && s.fingerprint().equals(now)) {
            if (clock.millis() - playsReadAt >= PLAYS_MAX_AGE.toMillis()) {
                request();
            }
            return Optional.of(s);
        }
        if (s != null) {
            replace(s, null); // its memory free before the next one is read
        }
        if (!now.scanning()) {
            request();
        }
        return Optional.empty();
    }

    /** Whether a snapshot is held (it may still be out of date: {@link #current} decides). */
    public boolean loaded() {
        return snapshot() != null;
    }

    /** How many artists, albums and tracks the snapshot held holds (0: none held). */
    public int documents() {
        SearchSnapshot s = snapshot();
        return s == null ? 0 : s.size();
    }

    /**
     * Brings the snapshot up to date now, on the calling thread: a new one read when the catalog changed (unless a scan
     * runs), else its plays read again when they changed. Searches call it in the background; tests call it directly.
     */
    public void refresh() {
        SearchSnapshot s = snapshot();
        SearchSnapshot.Fingerprint now = db.read(SearchSnapshot.Fingerprint::read);
        if (s != null && s.fingerprint().equals(now)) {
            long at = clock.millis();
            SearchSnapshot replayed = db.read(c -> {
                try (var ps = c.prepareStatement(SearchSnapshot.PLAYS_VERSION); var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1).equals(s.plays().version()) ? s : s.withPlays(c);
                }
            });
            replace(s, replayed);
            playsReadAt = at;
            return;
        }
        if (now.scanning()) {
            return;
        }
        replace(s, null);
        long started = System.nanoTime();
        long at = clock.millis();
        SearchSnapshot read = db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            return SearchSnapshot.read(c);
        });
        held.set(new SoftReference<>(read));
        playsReadAt = at;
        LOG.info("Search index read: {} artists, albums and tracks in {} ms (about {} MB of heap)", read.size(),
                (System.nanoTime() - started) / 1_000_000, read.bytes() / 1_000_000);
    }

    private SearchSnapshot snapshot() {
        return held.get().get();
    }

    /** Holds {@code next} (null: nothing) instead of {@code current}, unless another snapshot took its place meanwhile. */
    private void replace(SearchSnapshot current, SearchSnapshot next) {
        SoftReference<SearchSnapshot> ref = held.get();
        if (ref.get() == current) {
            held.compareAndSet(ref, new SoftReference<>(next));
        }
    }

    /** Asks for a {@link #refresh} in the background, unless one is already asked for. */
    private void request() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    refresh();
                } catch (RuntimeException e) {
                    LOG.warn("Search index not read (searches run on the database until it is): {}", e.toString());
                } finally {
                    pending.set(false);
                }
            });
        } catch (RejectedExecutionException closed) {
            pending.set(false);
        }
    }

    @Override
    public void close() {
        owned.ifPresent(ExecutorService::shutdownNow);
        held.set(new SoftReference<>(null));
    }
}
