package dev.resonance.api.library;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A track as plugins see it: what identifies it (ids, MusicBrainz ids, ISRC) and what a lyrics, scrobbling or
 * metadata service needs to match it. Not the file: see {@link Catalog#file(long)}.
 *
 * @param id the core's id (stable while the track exists)
 * @param title the title
 * @param artist the display artist (all performers joined as tagged)
 * @param artists the credited performers, in order
 * @param albumId the album's id, when the track has one
 * @param album the album title, empty when none
 * @param albumArtist the album's display artist, when the track has an album
 * @param disc disc number, when tagged
 * @param number track number on the disc, when tagged
 * @param durationMs duration in milliseconds
 * @param isrc the ISRC, when tagged
 * @param recordingMbid MusicBrainz recording id, when tagged
 * @param hasLyrics whether the file carries embedded lyrics
 * @param updatedAt when the core last changed this track (the cursor of {@link Catalog#changedTracks})
 */
public record TrackInfo(long id, String title, String artist, List<String> artists, Optional<Long> albumId,
                        String album, Optional<String> albumArtist, Optional<Integer> disc, Optional<Integer> number,
                        long durationMs, Optional<String> isrc, Optional<UUID> recordingMbid, boolean hasLyrics,
                        Instant updatedAt) {
    public TrackInfo {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(artist, "artist");
        artists = List.copyOf(artists);
        Objects.requireNonNull(albumId, "albumId");
        Objects.requireNonNull(album, "album");
        Objects.requireNonNull(albumArtist, "albumArtist");
        Objects.requireNonNull(disc, "disc");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(isrc, "isrc");
        Objects.requireNonNull(recordingMbid, "recordingMbid");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
