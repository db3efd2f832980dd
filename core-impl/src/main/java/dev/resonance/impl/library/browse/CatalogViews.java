package dev.resonance.impl.library.browse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** JSON shapes of the browse API. */
public final class CatalogViews {

    private CatalogViews() {
    }

    /** A page: {@code next} is the cursor for {@code after=}; {@code total} is counted on the first page only. */
    public record Page<T>(List<T> items, Optional<String> next, Optional<Long> total) {
    }

    public record ArtistRef(long id, String name) {
    }

    public record Credit(long id, String name, String role) {
    }

    public record Artist(long id, String name, Optional<String> mbid, Optional<Long> imageId) {
    }

    public record ArtistDetail(long id, String name, Optional<String> mbid, Optional<Long> imageId, List<String> roles,
                               List<Album> albums, List<Album> appearsOn) {
    }

    public record Album(long id, String title, Optional<String> version, String artist, List<ArtistRef> artists,
                        Optional<Integer> year, Optional<String> releaseDate, boolean compilation, Optional<Long> coverImageId,
                        List<String> palette, int trackCount, long durationMs, Instant addedAt) {
    }

    public record AlbumDetail(Album album, Optional<String> label, Optional<String> mbid, Optional<String> originalDate,
                              List<String> genres, List<Disc> discs) {
    }

    public record Disc(int number, List<Track> tracks) {
    }

    public record ReplayGain(Optional<Float> trackGain, Optional<Float> trackPeak, Optional<Float> albumGain,
                             Optional<Float> albumPeak) {
    }

    public record Track(long id, String title, String artist, List<Credit> artists, Optional<Long> albumId, String album,
                        Optional<Integer> disc, Optional<Integer> track, long durationMs, String format, String codec,
                        int bitrateKbps, int sampleRate, int bitDepth, int channels, Optional<Integer> year,
                        ReplayGain replayGain, Optional<Float> bpm, Optional<String> isrc, boolean hasLyrics,
                        Optional<String> mbid, Instant addedAt) {
    }

    public record Genre(long id, String name, long albumCount, long trackCount) {
    }
}
