package dev.resonance.impl.sync;

import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.events.EventLog;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.library.browse.CatalogViews;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Likes of tracks, albums and artists. Liking and unliking are idempotent: only a real change writes a row and
 * appends {@code like.added} / {@code like.removed} to the user's event log, in the same transaction.
 */
public final class LikesService {

    /** The answer to a like or unlike: the state now and the user's sequence number after it. */
    public record LikeState(String type, long id, boolean liked, long seq) {
    }

    /** One liked item in a list. */
    public record Liked(long id, String name, Instant likedAt) {
    }

    private final Database db;
    private final EventPublisher publisher;

    public LikesService(Database db, EventPublisher publisher) {
        this.db = db;
        this.publisher = publisher;
    }

    public LikeState like(Caller caller, LikeKind kind, long id) {
        return change(caller, kind, id, true);
    }

    public LikeState unlike(Caller caller, LikeKind kind, long id) {
        return change(caller, kind, id, false);
    }

    private LikeState change(Caller caller, LikeKind kind, long id, boolean like) {
        Optional<Long> device = Optional.of(caller.deviceId());
        Changed<Optional<UserEvent>> result = db.inTransaction(c -> {
            Optional<UserEvent> event = Optional.empty();
            if (like) {
                requireItem(c, caller, kind, id);
                Optional<Instant> likedAt = insert(c, caller.userId(), kind, id);
                if (likedAt.isPresent()) {
                    event = Optional.of(EventLog.append(c, caller.userId(), device, "like.added",
                            Map.of("type", kind.apiName(), "id", id, "likedAt", likedAt.get())));
                }
            } else if (delete(c, caller.userId(), kind, id)) {
                event = Optional.of(EventLog.append(c, caller.userId(), device, "like.removed",
                        Map.of("type", kind.apiName(), "id", id)));
            }
            return new Changed<>(event, event.isPresent() ? event.get().seq() : EventLog.currentSeq(c, caller.userId()));
        });
        result.value().ifPresent(e -> publisher.published(caller.userId(), e));
        return new LikeState(kind.apiName(), id, like, result.seq());
    }

    private record Changed<T>(T value, long seq) {
    }

    /** The caller's likes of one kind, most recent first, {@code limit} at a time. */
    public CatalogViews.Page<Liked> list(Caller caller, LikeKind kind, Optional<String> after, PageLimit limit) {
        return ItemPages.recent(db, caller.userId(), kind, kind.table, "liked_at", "", after, limit,
                rs -> new Liked(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
    }

    /** Which of {@code ids} the caller likes (one statement: GraphQL asks for a whole album's tracks at once). */
    public java.util.Set<Long> likedAmong(Caller caller, LikeKind kind, java.util.Collection<Long> ids) {
        return db.read(c -> {
            java.util.Set<Long> liked = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT item_id FROM " + kind.table + " WHERE user_id = ? AND item_id = ANY (?)")) {
                ps.setLong(1, caller.userId());
                ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        liked.add(rs.getLong(1));
                    }
                }
            }
            return liked;
        });
    }

    /** Every liked id of the user, by kind (for the sync snapshot). */
    public static Map<LikeKind, List<Long>> allIds(Connection c, long userId) throws SQLException {
        Map<LikeKind, List<Long>> ids = new EnumMap<>(LikeKind.class);
        for (LikeKind kind : LikeKind.values()) {
            List<Long> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT item_id FROM " + kind.table
                    + " WHERE user_id = ? ORDER BY liked_at DESC, item_id DESC")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(rs.getLong(1));
                    }
                }
            }
            ids.put(kind, list);
        }
        return ids;
    }

    /** The item exists and is in a library the caller may see (else the same 404 as for no item at all). */
    private static void requireItem(Connection c, Caller caller, LikeKind kind, long id) throws SQLException {
        if (!dev.resonance.impl.library.browse.CatalogQueries.visible(c, caller, kind.item, id)) {
            throw ResonanceException.notFound("No " + kind.apiName() + " " + id);
        }
    }

    private static Optional<Instant> insert(Connection c, long userId, LikeKind kind, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + kind.table + " (user_id, item_id) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING RETURNING liked_at")) {
            ps.setLong(1, userId);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    private static boolean delete(Connection c, long userId, LikeKind kind, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + kind.table + " WHERE user_id = ? AND item_id = ?")) {
            ps.setLong(1, userId);
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }
}
