package dev.resonance.impl.library.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Every album a listing shows (one with present tracks) in the orders client apps page through by offset, held with
 * the in-memory catalog ({@link SearchSnapshot}, same fingerprint, same lifetime). On PostgreSQL a page at offset
 * 2,000 reads the 2,000 rows before it (by artist: through the artists and their albums, ~10 ms), and a random page
 * orders every album by {@code random()} (~11 ms at 8,700 albums); here both are a walk over an array, and the page's
 * albums are then read whole by id.
 *
 * <p>Each order is the one of the statement it stands for ({@link Order}), ties broken by id, so a page here is the page
 * PostgreSQL would answer while the snapshot is current ({@code AlbumOrdersTest} compares them).
 */
public final class AlbumOrders {

    /** The orders held, each as its statement orders. */
    public enum Order {
        /** {@code ORDER BY a.sort_title, a.id} */
        TITLE("SELECT a.id FROM albums a WHERE a.track_count > 0 ORDER BY a.sort_title, a.id"),
        /** {@code ORDER BY a.created_at DESC, a.id DESC}: the newest first */
        NEWEST("SELECT a.id FROM albums a WHERE a.track_count > 0 ORDER BY a.created_at DESC, a.id DESC"),
        /**
         * By the first album artist, in the artists' order ({@code sort_name, id}), then year (none first), title, id;
         * albums without an album artist are not listed.
         */
        ARTIST("SELECT a.id FROM artists ar JOIN album_artists aa ON aa.artist_id = ar.id AND aa.position = 0"
                + " JOIN albums a ON a.id = aa.album_id WHERE a.track_count > 0"
                + " ORDER BY ar.sort_name, ar.id, coalesce(a.year, 0), a.sort_title, a.id");

        private final String statement;

        Order(String statement) {
            this.statement = statement;
        }
    }

    /** The albums' ids, ascending, and each one's library (by the same place). */
    private final long[] ids;
    private final long[] libraries;
    /** Per order, the places (into {@link #ids}) in that order. */
    private final int[][] orders;

    private AlbumOrders(long[] ids, long[] libraries, int[][] orders) {
        this.ids = ids;
        this.libraries = libraries;
        this.orders = orders;
    }

    /** Reads them on {@code c} (in the snapshot's transaction: one state of the database). */
    static AlbumOrders read(Connection c) throws SQLException {
        long[] ids = new long[1024];
        long[] libraries = new long[1024];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, library_id FROM albums WHERE track_count > 0 ORDER BY id")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == ids.length) {
                        ids = Arrays.copyOf(ids, n * 2);
                        libraries = Arrays.copyOf(libraries, n * 2);
                    }
                    ids[n] = rs.getLong(1);
                    libraries[n++] = rs.getLong(2);
                }
            }
        }
        ids = Arrays.copyOf(ids, n);
        libraries = Arrays.copyOf(libraries, n);
        int[][] orders = new int[Order.values().length][];
        for (Order order : Order.values()) {
            int[] places = new int[n];
            int m = 0;
            try (PreparedStatement ps = c.prepareStatement(order.statement)) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int place = Arrays.binarySearch(ids, rs.getLong(1));
                        if (place >= 0 && m < n) {
                            places[m++] = place;
                        }
                    }
                }
            }
            orders[order.ordinal()] = Arrays.copyOf(places, m);
        }
        return new AlbumOrders(ids, libraries, orders);
    }

    /** About how many bytes of heap they take. */
    long bytes() {
        long total = 16L * ids.length;
        for (int[] order : orders) {
            total += 4L * order.length;
        }
        return total;
    }

    /**
     * The ids of the albums at {@code offset} to {@code offset + count} in {@code order}, counting only those in
     * {@code libraries} (empty: every library).
     */
    List<Long> page(Order order, Optional<Long[]> libraries, int offset, int count) {
        int[] places = orders[order.ordinal()];
        List<Long> page = new ArrayList<>(Math.min(count, 500));
        if (libraries.isEmpty()) {
            for (int i = offset; i < places.length && page.size() < count; i++) {
                page.add(ids[places[i]]);
            }
            return page;
        }
        long[] allowed = allowed(libraries.get());
        int skipped = 0;
        for (int i = 0; i < places.length && page.size() < count; i++) {
            if (Arrays.binarySearch(allowed, this.libraries[places[i]]) >= 0 && skipped++ >= offset) {
                page.add(ids[places[i]]);
            }
        }
        return page;
    }

    /** {@code count} different albums of {@code libraries} (empty: every library) drawn at random, in random order. */
    List<Long> random(Optional<Long[]> libraries, int count, RandomGenerator random) {
        int[] candidates;
        if (libraries.isEmpty()) {
            candidates = null; // every place
        } else {
            long[] allowed = allowed(libraries.get());
            candidates = new int[ids.length];
            int m = 0;
            for (int place = 0; place < ids.length; place++) {
                if (Arrays.binarySearch(allowed, this.libraries[place]) >= 0) {
                    candidates[m++] = place;
                }
            }
            candidates = Arrays.copyOf(candidates, m);
        }
        int size = candidates == null ? ids.length : candidates.length;
        int want = Math.min(count, size);
        List<Long> drawn = new ArrayList<>(want);
        if (want * 4 > size) {
            // a large share of them: shuffle all, take the first
            List<Integer> all = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                all.add(candidates == null ? i : candidates[i]);
            }
            Collections.shuffle(all, new java.util.Random(random.nextLong()));
            all.subList(0, want).forEach(place -> drawn.add(ids[place]));
            return drawn;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        while (drawn.size() < want) {
            int i = random.nextInt(size);
            if (seen.add(i)) {
                drawn.add(ids[candidates == null ? i : candidates[i]]);
            }
        }
        return drawn;
    }

    private static long[] allowed(Long[] libraries) {
        long[] allowed = new long[libraries.length];
        for (int i = 0; i < libraries.length; i++) {
            allowed[i] = libraries[i];
        }
        Arrays.sort(allowed);
        return allowed;
    }
}
