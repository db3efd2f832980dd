package dev.resonance.impl.playlists;

import dev.resonance.api.error.ResonanceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where entries go. Positions are gapped bigints: {@link #GAP} apart after a renumbering, new entries take numbers
 * evenly spread between their neighbours, and only when two neighbours have no numbers left between them (about 32
 * inserts into the same spot) is the whole playlist renumbered — one UPDATE that keeps the order, so no event. Works
 * on the locked playlist (see {@link PlaylistStore#lock}).
 */
final class EntryPositions {

    /** The distance between neighbours after a renumbering. */
    static final long GAP = 1L << 32;
    /** Positions stay within ±LIMIT so that the difference of any two fits a long. */
    static final long LIMIT = 1L << 61;

    /** Where the client wants entries: at the start, at the end, or after an entry. */
    sealed interface Placement permits Start, End, After {
        /** From a request's {@code after} and {@code at}; {@code at} is "start" or "end" (the default). */
        static Placement of(Optional<Long> after, Optional<String> at) {
            if (after.isPresent() && at.isPresent()) {
                throw ResonanceException.invalid("invalid_field", "Give either 'after' (an entry id) or 'at' (start or end), not both");
            }
            if (after.isPresent()) {
                return new After(after.get());
            }
            return switch (at.orElse("end")) {
                case "start" -> new Start();
                case "end" -> new End();
                default -> throw ResonanceException.invalid("invalid_field", "'at' must be \"start\" or \"end\"");
            };
        }
    }

    record Start() implements Placement {
    }

    record End() implements Placement {
    }

    record After(long entryId) implements Placement {
    }

    /**
     * Where {@code count} entries go: the entry they follow (empty: the start), their positions in order, and whether
     * the anchor the client named was gone (then: the end).
     */
    record Slot(Optional<Long> after, List<Long> positions, boolean anchorMissing) {
    }

    private EntryPositions() {
    }

    /**
     * Positions for {@code count} entries at {@code placement}, ignoring the entries in {@code moving} (they are the
     * ones being placed). An anchor that is gone (removed by someone else meanwhile) places them at the end.
     */
    static Slot place(Connection c, long playlistId, Placement placement, List<Long> moving, int count) throws SQLException {
        Long[] excluded = moving.toArray(Long[]::new);
        if (placement instanceof After after && moving.contains(after.entryId())) {
            throw ResonanceException.invalid("invalid_anchor", "Entry " + after.entryId() + " is being moved: it cannot be the anchor");
        }
        for (int attempt = 0; ; attempt++) {
            Optional<Long> afterId;
            Optional<Long> low;
            Optional<Long> high;
            boolean anchorMissing = false;
            Optional<Long> anchorPosition = placement instanceof After after ? position(c, playlistId, after.entryId()) : Optional.empty();
            if (placement instanceof After after && anchorPosition.isPresent()) {
                afterId = Optional.of(after.entryId());
                low = anchorPosition;
                high = next(c, playlistId, anchorPosition.get(), excluded);
            } else if (placement instanceof Start) {
                afterId = Optional.empty();
                low = Optional.empty();
                high = first(c, playlistId, excluded);
            } else {
                anchorMissing = placement instanceof After;
                long[] last = last(c, playlistId, excluded);
                afterId = last == null ? Optional.empty() : Optional.of(last[0]);
                low = last == null ? Optional.empty() : Optional.of(last[1]);
                high = Optional.empty();
            }
            Optional<List<Long>> positions = between(low, high, count);
            if (positions.isPresent()) {
                return new Slot(afterId, positions.get(), anchorMissing);
            }
            if (attempt > 0) {
                throw new IllegalStateException("no room for " + count + " entries after renumbering playlist " + playlistId);
            }
            renumber(c, playlistId);
        }
    }

    /** {@code count} positions strictly between {@code low} and {@code high} (either may be open), or empty: no room. */
    static Optional<List<Long>> between(Optional<Long> low, Optional<Long> high, int count) {
        List<Long> positions = new ArrayList<>(count);
        if (low.isPresent() && high.isPresent()) {
            long step = (high.get() - low.get()) / (count + 1);
            if (step < 1) {
                return Optional.empty();
            }
            for (int i = 1; i <= count; i++) {
                positions.add(low.get() + step * i);
            }
        } else if (high.isPresent()) {
            if (high.get() - GAP * (count + 1) < -LIMIT) {
                return Optional.empty();
            }
            for (int i = count; i >= 1; i--) {
                positions.add(high.get() - GAP * i);
            }
        } else {
            long from = low.orElse(0L);
            if (from + GAP * (count + 1) > LIMIT) {
                return Optional.empty();
            }
            for (int i = 1; i <= count; i++) {
                positions.add(from + GAP * i);
            }
        }
        return Optional.of(positions);
    }

    /** Renumbers the playlist GAP, 2·GAP, … in its current order. */
    static void renumber(Connection c, long playlistId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE playlist_entries e SET position = r.rn * ? FROM"
                + " (SELECT id, row_number() OVER (ORDER BY position, id) AS rn FROM playlist_entries WHERE playlist_id = ?) r"
                + " WHERE e.id = r.id")) {
            ps.setLong(1, GAP);
            ps.setLong(2, playlistId);
            ps.executeUpdate();
        }
    }

    private static Optional<Long> position(Connection c, long playlistId, long entryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT position FROM playlist_entries WHERE id = ? AND playlist_id = ?")) {
            ps.setLong(1, entryId);
            ps.setLong(2, playlistId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Long> next(Connection c, long playlistId, long after, Long[] excluded) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT position FROM playlist_entries WHERE playlist_id = ? AND position > ?"
                + " AND id <> ALL (?) ORDER BY position, id LIMIT 1")) {
            ps.setLong(1, playlistId);
            ps.setLong(2, after);
            ps.setArray(3, c.createArrayOf("bigint", excluded));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Long> first(Connection c, long playlistId, Long[] excluded) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT position FROM playlist_entries WHERE playlist_id = ?"
                + " AND id <> ALL (?) ORDER BY position, id LIMIT 1")) {
            ps.setLong(1, playlistId);
            ps.setArray(2, c.createArrayOf("bigint", excluded));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The last entry's id and position, or null when there is none. */
    private static long[] last(Connection c, long playlistId, Long[] excluded) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, position FROM playlist_entries WHERE playlist_id = ?"
                + " AND id <> ALL (?) ORDER BY position DESC, id DESC LIMIT 1")) {
            ps.setLong(1, playlistId);
            ps.setArray(2, c.createArrayOf("bigint", excluded));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
            }
        }
    }
}
