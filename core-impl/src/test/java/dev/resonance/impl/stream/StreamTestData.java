package dev.resonance.impl.stream;

import dev.resonance.api.db.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Catalog rows for stream tests (a library and its tracks), written straight to the database. */
public final class StreamTestData {

    private StreamTestData() {
    }

    /** A pool over a freshly migrated {@code database}. */
    static com.zaxxer.hikari.HikariDataSource pool(dev.resonance.testing.TestDatabase database) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(dev.resonance.impl.db.TestDatabases.migrated(database));
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    public static long library(Database db, Path root) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO libraries (name, path) VALUES (?, ?) RETURNING id")) {
                ps.setString(1, "Music " + root.getFileName());
                ps.setString(2, root.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public static long track(Database db, long libraryId, String path, String format, String codec, int kbps, long durationMillis) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tracks (library_id, pid, path, file_size, file_mtime, format, codec,"
                    + " duration_ms, bitrate_kbps, sample_rate, bit_depth, channels, title, sort_title, artist_display)"
                    + " VALUES (?, ?, ?, 0, 0, ?, ?, ?, ?, 44100, 16, 2, 'Song', 'song', 'Artist') RETURNING id")) {
                ps.setLong(1, libraryId);
                ps.setString(2, "p:" + path);
                ps.setString(3, path);
                ps.setString(4, format);
                ps.setString(5, codec);
                ps.setLong(6, durationMillis);
                ps.setInt(7, kbps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
