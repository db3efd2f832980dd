package dev.resonance.plugin.testkit;

import dev.resonance.api.library.AlbumInfo;
import dev.resonance.api.library.ArtistInfo;
import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.CatalogPage;
import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.plugin.PluginPermission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@link Catalog} a plugin gets from the core, in memory: the test adds tracks, albums, artists, embedded lyrics
 * and files; the plugin reads them as it would the server's. Every call checks the plugin's descriptor as the core
 * does — {@code catalog} for everything, and {@code library-files} as well for {@link #file(long)} — and throws
 * {@code ResonanceException} {@code FORBIDDEN} without it. Cursors are opaque and only those this catalog handed out
 * are accepted; a page holds 1 to {@link Catalog#MAX_PAGE} items. {@link #calls()} lists what the plugin called.
 * Thread-safe.
 */
public final class TestCatalog implements Catalog {

    private static final String TRACKS = "tracks:";
    private static final String CHANGES = "changes:";

    private final Descriptor descriptor;
    private final TreeMap<Long, TrackInfo> tracks = new TreeMap<>();
    private final Map<Long, AlbumInfo> albums = new HashMap<>();
    private final Map<Long, ArtistInfo> artists = new HashMap<>();
    private final Map<Long, List<EmbeddedLyrics>> lyrics = new HashMap<>();
    private final Map<Long, Path> files = new HashMap<>();
    /** The change sequence of each track: its place in {@link #changedTracks}. */
    private final Map<Long, Long> changes = new HashMap<>();
    private final Set<String> handedOut = new HashSet<>();
    private final List<String> calls = new ArrayList<>();
    private long lastChange;

    public TestCatalog(Descriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    // What the test puts in (no permission needed: this is the scanner's side)

    /** Adds or replaces a track (a scan found it or changed it); it becomes the newest change. */
    public synchronized TrackInfo add(TrackInfo track) {
        tracks.put(track.id(), track);
        changes.put(track.id(), ++lastChange);
        return track;
    }

    public synchronized AlbumInfo add(AlbumInfo album) {
        albums.put(album.id(), album);
        return album;
    }

    public synchronized ArtistInfo add(ArtistInfo artist) {
        artists.put(artist.id(), artist);
        return artist;
    }

    /** Lyrics the scanner found in the track's file. */
    public synchronized void addEmbeddedLyrics(long trackId, EmbeddedLyrics embedded) {
        lyrics.computeIfAbsent(trackId, id -> new ArrayList<>()).add(embedded);
    }

    /** Where the track's file is on disk. */
    public synchronized void putFile(long trackId, Path file) {
        files.put(trackId, file);
    }

    /** The track is gone (it simply stops being found, as in the core). */
    public synchronized void remove(long trackId) {
        tracks.remove(trackId);
        changes.remove(trackId);
        lyrics.remove(trackId);
        files.remove(trackId);
    }

    /**
     * The calls the plugin made so far, oldest first, by name ({@code "Catalog.embeddedLyrics"}), refused ones
     * included: to assert what it asks the catalog for, or that it does not ask.
     */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    // What the plugin calls

    @Override
    public synchronized Optional<TrackInfo> track(long id) {
        require("Catalog.track");
        return Optional.ofNullable(tracks.get(id));
    }

    @Override
    public synchronized Optional<AlbumInfo> album(long id) {
        require("Catalog.album");
        return Optional.ofNullable(albums.get(id));
    }

    @Override
    public synchronized Optional<ArtistInfo> artist(long id) {
        require("Catalog.artist");
        return Optional.ofNullable(artists.get(id));
    }

    @Override
    public synchronized List<TrackInfo> tracksByRecordingMbid(UUID recordingMbid) {
        require("Catalog.tracksByRecordingMbid");
        return tracks.values().stream().filter(t -> t.recordingMbid().equals(Optional.of(recordingMbid))).toList();
    }

    @Override
    public synchronized List<TrackInfo> tracksByIsrc(String isrc) {
        require("Catalog.tracksByIsrc");
        String wanted = isrc.toUpperCase(Locale.ROOT);
        return tracks.values().stream()
            .filter(t -> t.isrc().map(i -> i.toUpperCase(Locale.ROOT).equals(wanted)).orElse(false)).toList();
    }

    @Override
    public synchronized CatalogPage<TrackInfo> tracks(Optional<String> after, int limit) {
        require("Catalog.tracks");
        checkLimit(limit);
        long afterId = after.map(cursor -> position(cursor, TRACKS)).orElse(Long.MIN_VALUE);
        List<TrackInfo> page = tracks.tailMap(afterId, false).values().stream().limit(limit).toList();
        boolean more = !page.isEmpty() && tracks.higherKey(page.get(page.size() - 1).id()) != null;
        return new CatalogPage<>(page, more ? Optional.of(cursor(TRACKS, page.get(page.size() - 1).id()))
            : Optional.empty());
    }

    @Override
    public synchronized CatalogPage<TrackInfo> changedTracks(Optional<String> since, int limit) {
        require("Catalog.changedTracks");
        checkLimit(limit);
        long from = since.map(cursor -> position(cursor, CHANGES)).orElse(0L);
        List<Map.Entry<Long, Long>> changed = changes.entrySet().stream()
            .filter(e -> e.getValue() > from)
            .sorted(Map.Entry.comparingByValue())
            .limit(limit)
            .toList();
        long last = changed.isEmpty() ? from : changed.get(changed.size() - 1).getValue();
        return new CatalogPage<>(changed.stream().map(e -> tracks.get(e.getKey())).toList(),
            Optional.of(cursor(CHANGES, last)));
    }

    @Override
    public synchronized List<EmbeddedLyrics> embeddedLyrics(long trackId) {
        require("Catalog.embeddedLyrics");
        return tracks.containsKey(trackId) ? List.copyOf(lyrics.getOrDefault(trackId, List.of())) : List.of();
    }

    @Override
    public synchronized Optional<Path> file(long trackId) {
        require("Catalog.file");
        Permissions.require(descriptor, PluginPermission.LIBRARY_FILES, "Catalog.file");
        return tracks.containsKey(trackId) ? Optional.ofNullable(files.get(trackId)) : Optional.empty();
    }

    private void require(String call) {
        calls.add(call);
        Permissions.require(descriptor, PluginPermission.CATALOG, call);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ": " + limit);
        }
    }

    private String cursor(String kind, long position) {
        String cursor = Base64.getUrlEncoder().withoutPadding()
            .encodeToString((kind + position).getBytes(StandardCharsets.UTF_8));
        handedOut.add(cursor);
        return cursor;
    }

    private long position(String cursor, String kind) {
        if (!handedOut.contains(cursor)) {
            throw new IllegalArgumentException("not a cursor this catalog handed out: " + cursor);
        }
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!text.startsWith(kind)) {
            throw new IllegalArgumentException("a cursor of another listing: " + cursor);
        }
        return Long.parseLong(text.substring(kind.length()));
    }
}
