package dev.resonance.plugin.lyrics.testing;

import dev.resonance.api.library.TrackInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tracks as the core's {@code Catalog} hands them out. */
public final class Tracks {

    private Tracks() {
    }

    /** A track on an album, with no embedded lyrics. */
    public static TrackInfo track(long id, String artist, String title, String album, long durationMs) {
        return new TrackInfo(id, title, artist, List.of(artist), album.isEmpty() ? Optional.empty() : Optional.of(id),
            album, album.isEmpty() ? Optional.empty() : Optional.of(artist), Optional.empty(), Optional.empty(),
            durationMs, Optional.empty(), Optional.empty(), false, Instant.parse("2026-01-01T00:00:00Z"));
    }

    public static TrackInfo track(long id) {
        return track(id, "Artist " + id, "Title " + id, "Album " + id, 200_000);
    }

    /** The same track with the core's "has embedded lyrics" flag set as given. */
    public static TrackInfo withEmbeddedLyrics(TrackInfo t, boolean hasLyrics) {
        return new TrackInfo(t.id(), t.title(), t.artist(), t.artists(), t.albumId(), t.album(), t.albumArtist(),
            t.disc(), t.number(), t.durationMs(), t.isrc(), t.recordingMbid(), hasLyrics, t.updatedAt());
    }
}
