package dev.resonance.impl.plugins;

import dev.resonance.api.library.AlbumInfo;
import dev.resonance.api.library.ArtistInfo;
import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.CatalogPage;
import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.api.library.TrackInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A catalog that knows one track, {@link #TRACK} (id 7, 200 s), for tests of what the core hands plugins. */
final class OneTrackCatalog implements Catalog {

    static final TrackInfo TRACK = new TrackInfo(7, "Song", "Artist", List.of("Artist"), Optional.empty(), "",
        Optional.empty(), Optional.empty(), Optional.empty(), 200_000, Optional.empty(), Optional.empty(), false,
        Instant.EPOCH);

    @Override
    public Optional<TrackInfo> track(long id) {
        return id == TRACK.id() ? Optional.of(TRACK) : Optional.empty();
    }

    @Override
    public Optional<AlbumInfo> album(long id) {
        return Optional.empty();
    }

    @Override
    public Optional<ArtistInfo> artist(long id) {
        return Optional.empty();
    }

    @Override
    public List<TrackInfo> tracksByRecordingMbid(UUID recordingMbid) {
        return List.of();
    }

    @Override
    public List<TrackInfo> tracksByIsrc(String isrc) {
        return List.of();
    }

    @Override
    public CatalogPage<TrackInfo> tracks(Optional<String> after, int limit) {
        return new CatalogPage<>(List.of(TRACK), Optional.empty());
    }

    @Override
    public CatalogPage<TrackInfo> changedTracks(Optional<String> since, int limit) {
        return new CatalogPage<>(List.of(TRACK), Optional.of("0"));
    }

    @Override
    public List<EmbeddedLyrics> embeddedLyrics(long trackId) {
        return List.of();
    }

    @Override
    public Optional<Path> file(long trackId) {
        return Optional.empty();
    }
}
