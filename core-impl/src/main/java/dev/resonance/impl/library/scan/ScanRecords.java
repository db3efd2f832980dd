package dev.resonance.impl.library.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code library_scans} rows: one per scan, {@code running} until it ends {@code done}, {@code failed} or
 * {@code cancelled}; a row still running when the next scan of its library holds the cluster lock belongs to a scan
 * that died with its process and is closed as {@code interrupted} (its {@code finished_at} stays unknown).
 */
public final class ScanRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScanRecords() {
    }

    /** A scan's kind: {@code full}, {@code quick} (the whole library), or {@code folder} (one folder, the watcher's). */
    public static String kind(boolean full, Optional<Path> folder) {
        return full ? "full" : folder.filter(f -> !f.toString().isEmpty()).isPresent() ? "folder" : "quick";
    }

    /** Closes the library's rows left running by a scan that died; the caller holds the library's scan lock. */
    static int closeInterrupted(Connection c, long libraryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE library_scans SET state = 'interrupted' WHERE library_id = ? AND state = 'running'")) {
            ps.setLong(1, libraryId);
            return ps.executeUpdate();
        }
    }

    static long start(Connection c, long libraryId, String kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO library_scans (library_id, kind) VALUES (?, ?) RETURNING id")) {
            ps.setLong(1, libraryId);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void end(Connection c, long scanId, String state, ScanProgress progress) throws SQLException {
        ScanProgress.Snapshot s = progress.snapshot();
        try (PreparedStatement ps = c.prepareStatement("UPDATE library_scans SET state = ?, finished_at = now(), files_seen = ?,"
                + " to_read = ?, files_read = ?, added = ?, updated = ?, moved = ?, missing = ?, error_count = ?, errors = ?::jsonb,"
                + " phase_millis = ?::json WHERE id = ?")) {
            ps.setString(1, state);
            ps.setInt(2, s.filesSeen());
            ps.setInt(3, s.toRead());
            ps.setInt(4, s.processed());
            ps.setInt(5, s.added());
            ps.setInt(6, s.updated());
            ps.setInt(7, s.moved());
            ps.setInt(8, s.missing());
            ps.setInt(9, s.errors());
            ps.setString(10, json(progress.problems(), "[]"));
            ps.setString(11, json(s.phaseMillis(), "{}"));
            ps.setLong(12, scanId);
            ps.executeUpdate();
        }
    }

    private static String json(Object value, String fallback) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return fallback;
        }
    }

    /** Whether the library's latest scan ran to its end (true when there was none). */
    static boolean latestDone(Connection c, long libraryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT state = 'done' FROM library_scans WHERE library_id = ? ORDER BY started_at DESC, id DESC LIMIT 1")) {
            ps.setLong(1, libraryId);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || rs.getBoolean(1);
            }
        }
    }

    /** The last scan of the library that ran to its end. */
    static Optional<CoverFinder.LastSearch> lastDone(Connection c, long libraryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT started_at, finished_at FROM library_scans"
                + " WHERE library_id = ? AND state = 'done' ORDER BY started_at DESC LIMIT 1")) {
            ps.setLong(1, libraryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new CoverFinder.LastSearch(rs.getTimestamp(1), rs.getTimestamp(2))) : Optional.empty();
            }
        }
    }

    /**
     * The latest ended scan of each library and kind (full, quick, folder), by library and kind, with its first 20
     * problems: what {@code last} in {@code GET /api/v1/library/scan} shows. One index probe per library and kind.
     */
    public static List<ScanProgress.Snapshot> latestPerKind(Connection c) throws SQLException {
        List<ScanProgress.Snapshot> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.state, s.kind, s.library_id, s.started_at, s.finished_at, s.files_seen,"
                + " s.to_read, s.files_read, s.added, s.updated, s.moved, s.missing, s.error_count, s.problems, s.phase_millis::text"
                + " FROM libraries l CROSS JOIN (VALUES ('full'), ('quick'), ('folder')) k (kind) CROSS JOIN LATERAL"
                + " (SELECT x.*, (SELECT coalesce(jsonb_agg(e.v ORDER BY e.n), '[]') FROM jsonb_array_elements(x.errors)"
                + "   WITH ORDINALITY e (v, n) WHERE e.n <= 20)::text AS problems"
                + "  FROM library_scans x WHERE x.library_id = l.id AND x.kind = k.kind AND x.state <> 'running'"
                + "  ORDER BY x.started_at DESC, x.id DESC LIMIT 1) s"
                + " ORDER BY l.id, k.kind");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant started = rs.getTimestamp(4).toInstant();
                Optional<Instant> finished = Optional.ofNullable(rs.getTimestamp(5)).map(java.sql.Timestamp::toInstant);
                int processed = rs.getInt(8);
                double seconds = finished.map(f -> Duration.between(started, f).toMillis() / 1000.0).orElse(0.0);
                out.add(new ScanProgress.Snapshot(rs.getString(1), rs.getString(2), rs.getLong(3), started, finished, rs.getInt(6),
                        rs.getInt(7), processed, rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13),
                        seconds > 0 ? Math.round(processed / seconds * 10) / 10.0 : 0, Optional.empty(),
                        read(rs.getString(14), new TypeReference<List<ScanProgress.Problem>>() { }, List.of()),
                        read(rs.getString(15), new TypeReference<LinkedHashMap<String, Long>>() { }, Map.of())));
            }
        }
        return out;
    }

    private static <T> T read(String json, TypeReference<? extends T> type, T fallback) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            return fallback;
        }
    }
}
