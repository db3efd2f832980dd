package dev.resonance.plugin.lyrics.testing;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.library.AlbumInfo;
import dev.resonance.api.library.ArtistInfo;
import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.CatalogPage;
import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.plugin.PluginPermission;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link Catalog} that keeps the real one's promises the plugin relies on: it checks the calling plugin's
 * permissions ({@code FORBIDDEN} without {@code catalog}, and without {@code library-files} for {@link #file}), a
 * track's {@code hasLyrics} says whether it has embedded lyrics, an unknown track has no lyrics and no file. It holds
 * tracks only (no albums or artists).
 */
public final class FakeCatalog implements Catalog {

    private final Set<PluginPermission> granted;
    private final Map<Long, TrackInfo> tracks = new ConcurrentHashMap<>();
    private final Map<Long, List<EmbeddedLyrics>> embedded = new ConcurrentHashMap<>();
    private final Map<Long, Path> files = new ConcurrentHashMap<>();
    private final AtomicInteger embeddedLyricsCalls = new AtomicInteger();

    public FakeCatalog(Set<PluginPermission> granted) {
        this.granted = Set.copyOf(granted);
    }

    /** A catalog granting what the plugin's descriptor declares, as the core does once an admin enables it. */
    public static FakeCatalog forThisPlugin() {
        return new FakeCatalog(PluginJson.permissions());
    }

    /** Adds a track with these embedded lyrics; returns it as the catalog hands it out. */
    public TrackInfo add(TrackInfo track, EmbeddedLyrics... lyrics) {
        TrackInfo stored = Tracks.withEmbeddedLyrics(track, lyrics.length > 0);
        tracks.put(track.id(), stored);
        embedded.put(track.id(), List.of(lyrics));
        return stored;
    }

    /** Adds a track whose file is {@code file}; returns it as the catalog hands it out. */
    public TrackInfo addWithFile(TrackInfo track, Path file) {
        TrackInfo stored = add(track);
        files.put(track.id(), file);
        return stored;
    }

    /** How often {@link #embeddedLyrics(long)} was called. */
    public int embeddedLyricsCalls() {
        return embeddedLyricsCalls.get();
    }

    @Override
    public Optional<TrackInfo> track(long id) {
        require(PluginPermission.CATALOG);
        return Optional.ofNullable(tracks.get(id));
    }

    @Override
    public Optional<AlbumInfo> album(long id) {
        require(PluginPermission.CATALOG);
        return Optional.empty();
    }

    @Override
    public Optional<ArtistInfo> artist(long id) {
        require(PluginPermission.CATALOG);
        return Optional.empty();
    }

    @Override
    public List<TrackInfo> tracksByRecordingMbid(UUID recordingMbid) {
        require(PluginPermission.CATALOG);
        return sorted().stream().filter(t -> t.recordingMbid().equals(Optional.of(recordingMbid))).toList();
    }

    @Override
    public List<TrackInfo> tracksByIsrc(String isrc) {
        require(PluginPermission.CATALOG);
        return sorted().stream().filter(t -> t.isrc().filter(isrc::equalsIgnoreCase).isPresent()).toList();
    }

    @Override
    public CatalogPage<TrackInfo> tracks(Optional<String> after, int limit) {
        require(PluginPermission.CATALOG);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit " + limit);
        }
        long from = after.map(Long::parseLong).orElse(Long.MIN_VALUE);
        List<TrackInfo> page = sorted().stream().filter(t -> t.id() > from).limit(limit).toList();
        boolean more = page.size() == limit && sorted().stream().anyMatch(t -> t.id() > page.get(limit - 1).id());
        return new CatalogPage<>(page, more ? Optional.of(Long.toString(page.get(limit - 1).id())) : Optional.empty());
    }

    @Override
    public CatalogPage<TrackInfo> changedTracks(Optional<String> since, int limit) {
        throw new UnsupportedOperationException("the lyrics plugin does not follow catalog changes");
    }

    @Override
    public List<EmbeddedLyrics> embeddedLyrics(long trackId) {
        require(PluginPermission.CATALOG);
        embeddedLyricsCalls.incrementAndGet();
        return embedded.getOrDefault(trackId, List.of());
    }

    @Override
    public Optional<Path> file(long trackId) {
        require(PluginPermission.CATALOG);
        require(PluginPermission.LIBRARY_FILES);
        return Optional.ofNullable(files.get(trackId));
    }

    private List<TrackInfo> sorted() {
        return tracks.values().stream().sorted(Comparator.comparingLong(TrackInfo::id)).toList();
    }

    private void require(PluginPermission permission) {
        if (!granted.contains(permission)) {
            throw ResonanceException.forbidden("plugin_permission", "the plugin did not declare " + permission.jsonName());
        }
    }
}
