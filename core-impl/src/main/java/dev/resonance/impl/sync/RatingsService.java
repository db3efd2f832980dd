package dev.resonance.impl.sync;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.events.EventLog;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.library.browse.CatalogViews;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ratings 1–5 of tracks, albums and artists, beside likes and independent of them (0 = no rating = no row). Setting and
 * removing are idempotent: only a real change writes and appends {@code rating.changed} to the user's event log, in
 * the same transaction.
 */
public final class RatingsService {

    public static final int MAX_RATING = 5;

    /** The answer to a change: the rating now (0 = none) and the user's sequence number after it. */
    public record RatingState(String type, long id, int rating, long seq) {
    }

    /** One rated item in a list. */
    public record Rated(long id, String name, int rating, Instant ratedAt) {
    }

    /** An item's rating, as the sync snapshot lists them. */
    public record Rating(long id, int rating) {
    }

    /** {@code PUT} body: {@code {"rating": 0..5}}. */
    public record RatingBody(Integer rating) {
    }

    private final Database db;
    private final EventPublisher publisher;

    public RatingsService(Database db, EventPublisher publisher) {
        this.db = db;
        this.publisher = publisher;
    }

    /** Sets the caller's rating of the item: 1–5, or 0 for none. Unknown or invisible items are 404 (0 never is). */
    public RatingState rate(Caller caller, LikeKind kind, long id, int rating) {
        if (rating < 0 || rating > MAX_RATING) {
            throw new InvalidInput("rating", "must be a whole number from 0 (no rating) to " + MAX_RATING);
        }
        Optional<Long> device = Optional.of(caller.deviceId());
        Changed result = db.inTransaction(c -> {
            boolean changed;
            if (rating == 0) {
                changed = delete(c, caller.userId(), kind, id);
            } else {
                if (!CatalogQueries.visible(c, caller, kind.item, id)) {
                    throw ResonanceException.notFound("No " + kind.apiName() + " " + id);
                }
                changed = upsert(c, caller.userId(), kind, id, rating);
            }
            if (!changed) {
                return new Changed(Optional.empty(), EventLog.currentSeq(c, caller.userId()));
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", kind.apiName());
            payload.put("id", id);
            payload.put("rating", rating);
            UserEvent event = EventLog.append(c, caller.userId(), device, "rating.changed", payload);
            return new Changed(Optional.of(event), event.seq());
        });
        result.event().ifPresent(e -> publisher.published(caller.userId(), e));
        return new RatingState(kind.apiName(), id, rating, result.seq());
    }

    private record Changed(Optional<UserEvent> event, long seq) {
    }

    /** The caller's ratings of one kind, most recently changed first, {@code limit} at a time. */
    public CatalogViews.Page<Rated> list(Caller caller, LikeKind kind, Optional<String> after, PageLimit limit) {
        return ItemPages.recent(db, caller.userId(), kind, kind.ratingTable, "rated_at", ", l.rating", after, limit,
                rs -> new Rated(rs.getLong(1), rs.getString(2), rs.getInt(5), rs.getTimestamp(3).toInstant()));
    }

    /** The caller's ratings of those of {@code ids} rated (one statement, for GraphQL's batches). */
    public Map<Long, Integer> ratingsAmong(Caller caller, LikeKind kind, java.util.Collection<Long> ids) {
        return db.read(c -> {
            Map<Long, Integer> ratings = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT item_id, rating FROM " + kind.ratingTable
                    + " WHERE user_id = ? AND item_id = ANY (?)")) {
                ps.setLong(1, caller.userId());
                ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ratings.put(rs.getLong(1), rs.getInt(2));
                    }
                }
            }
            return ratings;
        });
    }

    /** Every rating of the user, by kind (for the sync snapshot). */
    public static Map<LikeKind, List<Rating>> all(Connection c, long userId) throws SQLException {
        Map<LikeKind, List<Rating>> all = new EnumMap<>(LikeKind.class);
        for (LikeKind kind : LikeKind.values()) {
            List<Rating> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT item_id, rating FROM " + kind.ratingTable
                    + " WHERE user_id = ? ORDER BY rated_at DESC, item_id DESC")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(new Rating(rs.getLong(1), rs.getInt(2)));
                    }
                }
            }
            all.put(kind, list);
        }
        return all;
    }

    private static boolean upsert(Connection c, long userId, LikeKind kind, long id, int rating) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + kind.ratingTable + " AS r (user_id, item_id, rating)"
                + " VALUES (?, ?, ?) ON CONFLICT (user_id, item_id) DO UPDATE SET rating = excluded.rating, rated_at = now()"
                + " WHERE r.rating <> excluded.rating")) {
            ps.setLong(1, userId);
            ps.setLong(2, id);
            ps.setInt(3, rating);
            return ps.executeUpdate() > 0;
        }
    }

    private static boolean delete(Connection c, long userId, LikeKind kind, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + kind.ratingTable + " WHERE user_id = ? AND item_id = ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }
}
