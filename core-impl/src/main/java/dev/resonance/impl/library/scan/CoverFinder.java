package dev.resonance.impl.library.scan;

import dev.resonance.impl.library.LibraryRoot;
import dev.resonance.impl.library.images.ImageStore;
import dev.resonance.impl.library.tags.TagReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Gives albums without a cover one: a folder image next to the first track (cover, folder, front, album, … in
 * that order of preference; or the folder's only image), else the first track's embedded picture. Only what the
 * library's containment rule ({@link LibraryRoot}) allows is read: an image linked from outside the library is
 * skipped and reported, and so is an album whose folder is reached through a link (a catalog row from before).
 */
final class CoverFinder {

    private static final List<String> PREFERRED = List.of("cover", "folder", "front", "album", "albumart", "albumartsmall");
    private static final List<String> IMAGE_EXTENSIONS = List.of("jpg", "jpeg", "png", "webp", "gif", "bmp");

    private final ImageStore images;
    private final TagReader reader;

    private static final long CLOCK_SLACK_MILLIS = 60_000;

    private final int parallelism;

    CoverFinder(ImageStore images, TagReader reader, int parallelism) {
        this.images = images;
        this.reader = reader;
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * The last scan that searched every coverless album: its cover search ran after all its track writes and before
     * it finished, so a track written after {@code finished} or a folder changed after {@code started} may have
     * brought a cover the search did not see.
     */
    record LastSearch(Timestamp started, Timestamp finished) {
    }

    /**
     * Looks for covers: of every album when {@code last} is empty (a full scan), otherwise of the coverless albums
     * that may have gained one since that search — a track of theirs was written since (new embedded art), or their
     * folder changed (an image added: a folder's mtime moves when an entry is added, removed or renamed). An
     * unchanged library costs one stat per coverless album, not a read of its first track's tags. Returns how many
     * covers were found.
     */
    int run(Connection c, long libraryId, LibraryRoot library, Optional<LastSearch> last, ScanProgress progress) throws SQLException {
        Optional<Timestamp> searchedAt = last.map(LastSearch::started);
        record Album(long id, String firstTrack, boolean tracksChanged) {
        }
        List<Album> albums = new ArrayList<>();
        // per album through its index (a join over all tracks, sorted, costs twice as much at 100k tracks)
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id, f.path, f.changed FROM albums a CROSS JOIN LATERAL"
                + " (SELECT (array_agg(t.path ORDER BY t.disc_number NULLS FIRST, t.track_number NULLS FIRST, t.id))[1] AS path, "
                + (searchedAt.isEmpty() ? "true" : "bool_or(t.updated_at > ?)") + " AS changed"
                + " FROM tracks t WHERE t.album_id = a.id AND t.missing_since IS NULL) f"
                + " WHERE a.library_id = ? AND f.path IS NOT NULL" + (searchedAt.isEmpty() ? "" : " AND a.cover_image_id IS NULL")
                + " ORDER BY a.id")) {
            int p = 1;
            if (last.isPresent()) {
                ps.setTimestamp(p++, last.get().finished());
            }
            ps.setLong(p, libraryId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    albums.add(new Album(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        // folders are listed and pictures read on several threads (the image store takes its own connections)
        Map<Long, Long> covers = new ConcurrentHashMap<>();
        ForkJoinPool pool = new ForkJoinPool(parallelism);
        try {
            pool.submit(() -> albums.parallelStream().forEach(album -> {
                Path track = library.path().resolve(album.firstTrack());
                if (searchedAt.isEmpty() || album.tracksChanged() || changedSince(track.getParent(), searchedAt.get())) {
                    cover(library, track, progress, album.firstTrack()).ifPresent(image -> covers.put(album.id(), image));
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("cover search interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cover search failed", e.getCause());
        } finally {
            pool.shutdown();
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE albums SET cover_image_id = ? WHERE id = ?")) {
            for (Map.Entry<Long, Long> cover : covers.entrySet()) {
                update.setLong(1, cover.getValue());
                update.setLong(2, cover.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
        return covers.size();
    }

    private static boolean changedSince(Path folder, Timestamp since) {
        try {
            // the scan's time comes from PostgreSQL's clock, the folder's from the file system's: a minute of slack
            // absorbs a skew between them (and mtime rounding) at the price of re-checking a few recent folders
            return Files.getLastModifiedTime(folder).toMillis() >= since.getTime() - CLOCK_SLACK_MILLIS;
        } catch (IOException e) {
            return true; // let the search itself report what is wrong with the folder
        }
    }

    private Optional<Long> cover(LibraryRoot library, Path track, ScanProgress progress, String relative) {
        try {
            if (!library.isOwnFolder(track.getParent()) || library.realInside(track).isEmpty()) {
                return Optional.empty(); // the walk reports links; nothing outside the library is read
            }
            Optional<Path> folderImage = folderImage(library, track.getParent(),
                    (image, why) -> progress.problem(LibraryWalker.relative(library.path(), image), why));
            if (folderImage.isPresent()) {
                Optional<Long> stored = images.store(Files.readAllBytes(folderImage.get()));
                if (stored.isPresent()) {
                    return stored;
                }
            }
            Optional<TagReader.EmbeddedPicture> embedded = reader.embeddedPicture(track);
            return embedded.isPresent() ? images.store(embedded.get().data()) : Optional.empty();
        } catch (IOException | TagReader.UnreadableAudioException | RuntimeException e) {
            progress.problem(relative, "cover art not read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The folder's cover image; an image that is a link leading outside the library is reported and not used. */
    static Optional<Path> folderImage(LibraryRoot library, Path folder, java.util.function.BiConsumer<Path, String> problems)
            throws IOException {
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                int dot = name.lastIndexOf('.');
                if (dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1)) && Files.isRegularFile(p) && !name.startsWith(".")) {
                    if (Files.isSymbolicLink(p) && library.realInside(p).isEmpty()) {
                        problems.accept(p, LibraryRoot.LINK_OUTSIDE);
                    } else {
                        candidates.add(p);
                    }
                }
            }
        }
        for (String preferred : PREFERRED) {
            for (Path p : candidates) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.substring(0, name.lastIndexOf('.')).equals(preferred)) {
                    return Optional.of(p);
                }
            }
        }
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }
}
