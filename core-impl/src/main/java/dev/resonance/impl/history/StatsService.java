package dev.resonance.impl.history;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.library.browse.CatalogQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Listening stats from the history: a user's top tracks, artists, albums and genres and their listening time per
 * {@link Period}, and the server's analytics. A listen counts in the window of its start. All-time tops read the
 * counters kept with each listen ({@code user_track_plays}, {@code track_popularity}); windows aggregate
 * {@code listens} by index range. Only tracks the caller may see now are ranked (an artist, album or genre is ranked by
 * the listens of its visible tracks).
 */
public final class StatsService {

    /** What a top list ranks. */
    public enum TopKind {
        TRACKS("t.id, t.title", ""),
        ALBUMS("a.id, a.title", " JOIN albums a ON a.id = t.album_id"),
        ARTISTS("ar.id, ar.name", " JOIN track_artists ta ON ta.track_id = t.id AND ta.role = 'performer' JOIN artists ar ON ar.id = ta.artist_id"),
        GENRES("g.id, g.name", " JOIN track_genres tg ON tg.track_id = t.id JOIN genres g ON g.id = tg.genre_id");

        final String columns;
        final String join;

        TopKind(String columns, String join) {
            this.columns = columns;
            this.join = join;
        }

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named in a query ({@code tracks|artists|albums|genres}); 400 otherwise. */
        public static TopKind parse(String name) {
            return Arrays.stream(values()).filter(k -> k.apiName().equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidInput("kind", "must be one of tracks, artists, albums, genres"));
        }
    }

    /** One ranked item: its id, name and number of listens in the window. */
    public record TopItem(long id, String name, long listens) {
    }

    /** A top list for a window ({@code since} empty: all time; {@code until}: now). */
    public record Top(String kind, String period, Optional<Instant> since, Instant until, List<TopItem> items) {
    }

    /** A user's listening in a window. */
    public record Summary(String period, Optional<Instant> since, Instant until, long listens, long listeningMs, long tracks) {
    }

    /** The server's analytics for a window: totals, users who listened, the most listened tracks. */
    public record ServerStats(String period, Optional<Instant> since, Instant until, long users, long tracks, long listens,
                              long listeningMs, long activeUsers, List<TopItem> topTracks) {
    }

    private final Database db;
    private final Clock clock;

    public StatsService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The caller's top {@code kind} in the window. */
    public Top top(Caller caller, TopKind kind, Period period, int limit) {
        Instant now = clock.instant();
        Optional<Instant> since = period.since(now);
        List<TopItem> items = db.inTransaction(c -> ranked(c, caller, Optional.of(caller.userId()), kind, since, limit));
        return new Top(kind.apiName(), period.apiName(), since, now, items);
    }

    /** The caller's listens and listening time in the window (every listen of theirs counts, visible now or not). */
    public Summary summary(Caller caller, Period period) {
        Instant now = clock.instant();
        Optional<Instant> since = period.since(now);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(listened_ms), 0), count(DISTINCT track_id)"
                    + " FROM listens WHERE user_id = ?" + (since.isPresent() ? " AND started_at >= ?" : ""))) {
                ps.setLong(1, caller.userId());
                if (since.isPresent()) {
                    ps.setTimestamp(2, Timestamp.from(since.get()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Summary(period.apiName(), since, now, rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    /** The server's analytics for the window, the top tracks among those the caller may see. */
    public ServerStats server(Caller caller, Period period, int limit) {
        Instant now = clock.instant();
        Optional<Instant> since = period.since(now);
        return db.inTransaction(c -> {
            long users = count(c, "SELECT count(*) FROM users");
            long tracks = count(c, "SELECT count(*) FROM tracks WHERE missing_since IS NULL");
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(listened_ms), 0), count(DISTINCT user_id) FROM listens"
                    + (since.isPresent() ? " WHERE started_at >= ?" : ""))) {
                if (since.isPresent()) {
                    ps.setTimestamp(1, Timestamp.from(since.get()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new ServerStats(period.apiName(), since, now, users, tracks, rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            ranked(c, caller, Optional.empty(), TopKind.TRACKS, since, limit));
                }
            }
        });
    }

    /**
     * The top {@code kind} of one user's listens (or everyone's) since the time given (or ever), among the tracks the
     * caller may see.
     */
    private static List<TopItem> ranked(Connection c, Caller caller, Optional<Long> user, TopKind kind, Optional<Instant> since, int limit)
            throws SQLException {
        Optional<Long[]> libs = CatalogQueries.libraries(c, caller);
        String plays;
        if (since.isEmpty()) {
            plays = user.isPresent() ? "SELECT track_id, play_count AS n FROM user_track_plays WHERE user_id = ?"
                    : "SELECT track_id, play_count AS n FROM track_popularity";
        } else {
            plays = "SELECT track_id, count(*) AS n FROM listens WHERE " + (user.isPresent() ? "user_id = ? AND " : "")
                    + "started_at >= ? GROUP BY track_id";
        }
        String sql = "WITH p AS (" + plays + ") SELECT " + kind.columns + ", sum(p.n) FROM p JOIN tracks t ON t.id = p.track_id" + kind.join
                + " WHERE " + HistoryService.visible(libs) + " GROUP BY 1, 2 ORDER BY 3 DESC, 2, 1 LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (user.isPresent()) {
                ps.setLong(i++, user.get());
            }
            if (since.isPresent()) {
                ps.setTimestamp(i++, Timestamp.from(since.get()));
            }
            i = HistoryService.bindLibraries(c, ps, i, libs);
            ps.setInt(i, limit);
            List<TopItem> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new TopItem(rs.getLong(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return items;
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
