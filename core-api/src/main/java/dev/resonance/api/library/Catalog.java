package dev.resonance.api.library;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Read access to the music catalog for plugins: the core registers it as a bundle-scoped OSGi service, so each plugin
 * gets an instance that knows which plugin it serves and checks that plugin's declared permissions
 * ({@code dev.resonance.api.plugin.PluginPermission#CATALOG} for everything here, {@code LIBRARY_FILES} for
 * {@link #file(long)}). A call without the permission throws {@code ResonanceException} of kind {@code FORBIDDEN}.
 *
 * <p>Calls are synchronous reads of the database, safe from any thread, and take milliseconds; they throw
 * {@code ResonanceException} of kind {@code UNAVAILABLE} when the database is down. Ids are the core's; a removed
 * track simply stops being found.
 */
@ProviderType
public interface Catalog {

    /** The most a page may hold. */
    int MAX_PAGE = 500;

    Optional<TrackInfo> track(long id);

    Optional<AlbumInfo> album(long id);

    Optional<ArtistInfo> artist(long id);

    /** Tracks tagged with this MusicBrainz recording id (several files may carry the same recording), in id order. */
    List<TrackInfo> tracksByRecordingMbid(UUID recordingMbid);

    /** Tracks tagged with this ISRC (case-insensitive), in id order. */
    List<TrackInfo> tracksByIsrc(String isrc);

    /**
     * Every track in id order, a page at a time.
     *
     * @param after the {@code next} of the previous page; empty for the first
     * @param limit 1 to {@link #MAX_PAGE}
     * @throws IllegalArgumentException for a cursor this method did not hand out, or a limit out of range
     */
    CatalogPage<TrackInfo> tracks(Optional<String> after, int limit);

    /**
     * Tracks added or changed (by a scan or an edit) after the cursor, oldest change first. The answer always carries a
     * cursor: keep the last one and call again later for what changed since. Removed tracks are not reported.
     *
     * @param since a cursor from an earlier call; empty for every track from the beginning
     * @param limit 1 to {@link #MAX_PAGE}
     */
    CatalogPage<TrackInfo> changedTracks(Optional<String> since, int limit);

    /** The lyrics embedded in the track's file as the last scan found them; empty when none or no such track. */
    List<EmbeddedLyrics> embeddedLyrics(long trackId);

    /**
     * The track's file on this server's disk (to read sidecar files next to it, or the audio), when the track exists.
     * Needs {@code LIBRARY_FILES}. The path may be gone by the time it is read (a scan running).
     */
    Optional<Path> file(long trackId);
}
