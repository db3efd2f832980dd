package dev.resonance.api.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A track as a client app shows it.
 *
 * @param id the core's id
 * @param title the title
 * @param artist the display artist, as tagged
 * @param artists the credited performers, in order
 * @param albumId the album's id, when it has one
 * @param album the album's title, empty when none
 * @param albumArtist the album's display artist, empty when no album
 * @param albumArtists the album's artists, in order
 * @param disc the disc number, when tagged
 * @param track the track number on its disc, when tagged
 * @param year the release year, when tagged
 * @param genres its genres, in tag order
 * @param durationMs duration in milliseconds
 * @param file the original file
 * @param coverImageId the album cover's image id ({@link ClientCatalog} images), when there is one
 * @param replayGain the ReplayGain tags
 * @param bpm beats per minute, when tagged
 * @param isrc the ISRC, when tagged
 * @param mbid the MusicBrainz recording id, when tagged
 * @param hasLyrics whether the file carries lyrics
 * @param libraryId the library it is in
 * @param addedAt when the scan first found it
 * @param marks the user's marks on it
 */
public record Song(long id, String title, String artist, List<ItemRef> artists, Optional<Long> albumId, String album,
                   String albumArtist, List<ItemRef> albumArtists, Optional<Integer> disc, Optional<Integer> track,
                   Optional<Integer> year, List<String> genres, long durationMs, AudioFile file, Optional<Long> coverImageId,
                   ReplayGain replayGain, Optional<Float> bpm, Optional<String> isrc, Optional<UUID> mbid, boolean hasLyrics,
                   long libraryId, Instant addedAt, Marks marks) {
    public Song {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(artist, "artist");
        artists = List.copyOf(artists);
        Objects.requireNonNull(albumId, "albumId");
        Objects.requireNonNull(album, "album");
        Objects.requireNonNull(albumArtist, "albumArtist");
        albumArtists = List.copyOf(albumArtists);
        Objects.requireNonNull(disc, "disc");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(year, "year");
        genres = List.copyOf(genres);
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(coverImageId, "coverImageId");
        Objects.requireNonNull(replayGain, "replayGain");
        Objects.requireNonNull(bpm, "bpm");
        Objects.requireNonNull(isrc, "isrc");
        Objects.requireNonNull(mbid, "mbid");
        Objects.requireNonNull(addedAt, "addedAt");
        Objects.requireNonNull(marks, "marks");
    }
}
