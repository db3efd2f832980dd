package dev.resonance.impl.stream;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Role;
import dev.resonance.api.db.Database;
import dev.resonance.impl.library.LibraryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the file behind a track id for a caller: only present tracks of libraries the caller may see, and only
 * files that really lie inside their library's root (the path comes from the catalog, never from the client, and
 * is still checked against the root after resolving links).
 */
public final class TrackFiles {

    /**
     * A file ready to serve; size and mtime from the file system at this moment, codec, bitrate and duration from the
     * catalog (what the quality decision needs).
     */
    public record TrackFile(long trackId, Path path, long size, long mtimeMillis, String contentType, String format, String codec,
                            int bitrateKbps, long durationMillis) {
        String etag() {
            return "\"" + trackId + "-" + size + "-" + mtimeMillis + "\"";
        }

        ServedFile served() {
            return new ServedFile(path, size, mtimeMillis, contentType, etag());
        }
    }

    public static final Map<String, String> CONTENT_TYPES = Map.of("mp3", "audio/mpeg", "flac", "audio/flac", "ogg", "audio/ogg",
            "opus", "audio/ogg; codecs=opus", "m4a", "audio/mp4", "wav", "audio/wav", "aiff", "audio/aiff");

    private final Database db;

    public TrackFiles(Database db) {
        this.db = db;
    }

    public Optional<TrackFile> find(Caller caller, long trackId) {
        boolean admin = caller.role() == Role.ADMIN;
        // one statement, outside a transaction (BEGIN and COMMIT around it were two more round trips on the way to the
        // first byte): a user with library grants sees only those libraries, a user without any sees all
        Optional<Object[]> row = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT l.path, t.path, t.format, t.codec, t.bitrate_kbps, t.duration_ms"
                    + " FROM tracks t JOIN libraries l ON l.id = t.library_id WHERE t.id = ? AND t.missing_since IS NULL AND l.enabled"
                    + (admin ? "" : " AND (NOT EXISTS (SELECT 1 FROM user_library_access a WHERE a.user_id = ?)"
                            + " OR EXISTS (SELECT 1 FROM user_library_access a WHERE a.user_id = ? AND a.library_id = l.id))"))) {
                ps.setLong(1, trackId);
                if (!admin) {
                    ps.setLong(2, caller.userId());
                    ps.setLong(3, caller.userId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getLong(6)}) : Optional.<Object[]>empty();
                }
            }
        });
        if (row.isEmpty()) {
            return Optional.empty();
        }
        try {
            Object[] r = row.get();
            LibraryRoot library = LibraryRoot.of(Path.of((String) r[0]));
            Optional<Path> inside = library.realInside(library.path().resolve((String) r[1]));
            if (inside.isEmpty()) {
                return Optional.empty(); // a link leading out of the library is not served (the library's one rule)
            }
            Path file = inside.get();
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new TrackFile(trackId, file, attributes.size(), attributes.lastModifiedTime().toMillis(),
                    CONTENT_TYPES.getOrDefault((String) r[2], "application/octet-stream"), (String) r[2], (String) r[3], (Integer) r[4],
                    (Long) r[5]));
        } catch (IOException e) {
            return Optional.empty(); // vanished since the last scan
        }
    }
}
