package dev.resonance.impl.playlists;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.library.browse.CatalogQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * M3U8 export and import. Export writes the entries the caller may see, paths relative to their library's root (or
 * absolute). Import matches each path line to a track the caller may see: an absolute path under a library root, a path
 * relative to a root, a {@code file://} URI, Windows separators and drive letters, percent-encoding, either Unicode
 * normalisation; failing those, the longest tail of the path that is a track's path (a playlist written on another
 * machine, or relative to the playlist file's own folder). Lines that match nothing are reported, not guessed.
 */
public final class PlaylistFiles {

    private final Database db;
    private final PlaylistsService playlists;

    public PlaylistFiles(Database db, PlaylistsService playlists) {
        this.db = db;
        this.playlists = playlists;
    }

    public String export(Caller caller, long id, boolean absolute) {
        return db.inTransaction(c -> {
            PlaylistsService.repeatableRead(c);
            PlaylistStore.read(c, caller, id, PlaylistStore.Need.READ);
            String name;
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM playlists WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    name = rs.getString(1);
                }
            }
            List<M3u8.Item> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT t.duration_ms, t.artist_display, t.title, l.path, t.path"
                    + " FROM playlist_entries e JOIN tracks t ON t.id = e.track_id JOIN libraries l ON l.id = t.library_id"
                    + " WHERE e.playlist_id = ? AND t.missing_since IS NULL AND (?::bigint[] IS NULL OR t.library_id = ANY (?::bigint[]))"
                    + " ORDER BY e.position, e.id")) {
                ps.setLong(1, id);
                PlaylistSummaries.libraries(c, ps, 2, CatalogQueries.libraries(c, caller));
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String root = rs.getString(4);
                        String path = absolute ? (root.endsWith("/") ? root : root + "/") + rs.getString(5) : rs.getString(5);
                        items.add(new M3u8.Item(rs.getLong(1), rs.getString(2), rs.getString(3), path));
                    }
                }
            }
            return M3u8.write(name, items);
        });
    }

    /** Creates a playlist of the tracks the file names (in its order) and reports the lines that matched none. */
    public PlaylistViews.ImportReport importFile(Caller caller, Optional<String> name, String text) {
        M3u8.Parsed parsed = M3u8.parse(text);
        String playlistName = name.or(parsed::name).orElse("Imported playlist");
        PlaylistsService.name(playlistName);
        List<Long> trackIds = new ArrayList<>();
        List<PlaylistViews.Unmatched> unmatched = new ArrayList<>();
        db.read(c -> {
            match(c, caller, parsed.paths(), trackIds, unmatched);
            return null;
        });
        if (trackIds.size() > PlaylistsService.MAX_ENTRIES) {
            throw ResonanceException.conflict("playlist_full", "The file names " + trackIds.size() + " tracks; a playlist holds at most "
                    + PlaylistsService.MAX_ENTRIES);
        }
        PlaylistViews.Summary created = playlists.create(caller, new PlaylistRequests.Create(playlistName, Optional.empty(),
                Optional.empty(), Optional.empty(), trackIds.isEmpty() ? Optional.empty() : Optional.of(trackIds)));
        return new PlaylistViews.ImportReport(created, trackIds.size(), unmatched);
    }

    /** A library root, '/'-separated without a trailing slash. */
    private record Root(long libraryId, String path) {
    }

    /** A catalog path a line may mean: in one library (under its root) or in any. */
    private record Candidate(Optional<Long> libraryId, String path) {
    }

    private static void match(Connection c, Caller caller, List<M3u8.Line> lines, List<Long> trackIds,
                              List<PlaylistViews.Unmatched> unmatched) throws SQLException {
        List<Root> roots = roots(c);
        Map<M3u8.Line, List<M3u8.PathLine>> read = new HashMap<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (M3u8.Line line : lines) {
            Optional<List<M3u8.PathLine>> forms = M3u8.read(line.text());
            if (forms.isEmpty()) {
                continue;
            }
            read.put(line, forms.get());
            for (M3u8.PathLine form : forms.get()) {
                direct(form, roots).forEach(cand -> wanted.addAll(M3u8.unicodeForms(cand.path())));
                tails(form).forEach(tail -> wanted.addAll(M3u8.unicodeForms(tail)));
            }
        }
        Map<String, List<long[]>> tracks = tracks(c, caller, wanted);
        for (M3u8.Line line : lines) {
            List<M3u8.PathLine> forms = read.get(line);
            if (forms == null) {
                // a file: URI whose percent-encoding is broken, or a URI of another scheme (http:, smb:…)
                unmatched.add(new PlaylistViews.Unmatched(line.number(), line.text(),
                        line.text().regionMatches(true, 0, "file:", 0, 5) ? "invalid_uri" : "unsupported_uri"));
                continue;
            }
            Optional<Long> found = Optional.empty();
            for (M3u8.PathLine form : forms) {
                for (Candidate cand : direct(form, roots)) {
                    found = found.or(() -> lookup(tracks, cand));
                }
            }
            for (M3u8.PathLine form : forms) {
                for (String tail : tails(form)) {
                    found = found.or(() -> lookup(tracks, new Candidate(Optional.empty(), tail)));
                }
            }
            if (found.isPresent()) {
                trackIds.add(found.get());
            } else {
                unmatched.add(new PlaylistViews.Unmatched(line.number(), line.text(), "not_found"));
            }
        }
    }

    /** What the line says exactly: a path under a root, or a path relative to a root. */
    private static List<Candidate> direct(M3u8.PathLine form, List<Root> roots) {
        if (form.segments().isEmpty() || form.climbs()) {
            return List.of();
        }
        String joined = form.joined();
        if (!form.absolute()) {
            return List.of(new Candidate(Optional.empty(), joined));
        }
        List<Candidate> found = new ArrayList<>();
        for (Root root : roots) {
            String full = "/" + joined;
            if (full.startsWith(root.path() + "/")) {
                found.add(new Candidate(Optional.of(root.libraryId()), full.substring(root.path().length() + 1)));
            }
        }
        return found;
    }

    /** Every tail of the path, longest first (the whole relative path is a direct candidate already). */
    private static List<String> tails(M3u8.PathLine form) {
        List<String> tails = new ArrayList<>();
        List<String> segments = form.segments();
        for (int from = 0; from < segments.size(); from++) {
            tails.add(String.join("/", segments.subList(from, segments.size())));
        }
        return tails;
    }

    private static Optional<Long> lookup(Map<String, List<long[]>> tracks, Candidate cand) {
        for (String form : M3u8.unicodeForms(cand.path())) {
            for (long[] track : tracks.getOrDefault(form, List.of())) {
                if (cand.libraryId().isEmpty() || cand.libraryId().get() == track[1]) {
                    return Optional.of(track[0]);
                }
            }
        }
        return Optional.empty();
    }

    private static List<Root> roots(Connection c) throws SQLException {
        List<Root> roots = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, path FROM libraries ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String path = rs.getString(2);
                roots.add(new Root(rs.getLong(1), path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
            }
        }
        return roots;
    }

    /** The present tracks the caller may see with one of the paths: path → [track id, library id], lowest ids first. */
    private static Map<String, List<long[]>> tracks(Connection c, Caller caller, Set<String> paths) throws SQLException {
        Map<String, List<long[]>> found = new HashMap<>();
        if (paths.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT t.path, t.id, t.library_id FROM tracks t"
                + " JOIN unnest(?::text[]) AS w(path) ON t.path = w.path"
                + " WHERE t.missing_since IS NULL AND (?::bigint[] IS NULL OR t.library_id = ANY (?::bigint[])) ORDER BY t.library_id, t.id")) {
            ps.setArray(1, c.createArrayOf("text", paths.toArray(String[]::new)));
            PlaylistSummaries.libraries(c, ps, 2, CatalogQueries.libraries(c, caller));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        return found;
    }
}
