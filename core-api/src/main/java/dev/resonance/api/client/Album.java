package dev.resonance.api.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An album as a client app shows it.
 *
 * @param id the core's id
 * @param title the title
 * @param version the edition, when tagged ({@code Deluxe Edition}, {@code 2011 Remaster})
 * @param artist the display album artist
 * @param artists the album artists, in order
 * @param year the release year, when tagged
 * @param releaseDate the release date as tagged ({@code 2010}, {@code 2010-05} or {@code 2010-05-17}), when tagged
 * @param originalDate the original release date, same form, when tagged
 * @param compilation whether it is a compilation (various artists)
 * @param genres its genres
 * @param coverImageId its cover's image id, when it has one
 * @param songCount tracks of it the user can see
 * @param durationMs their total duration
 * @param label the record label, when tagged
 * @param mbid the MusicBrainz release id, when tagged
 * @param addedAt when the scan first found it
 * @param marks the user's marks on it
 */
public record Album(long id, String title, Optional<String> version, String artist, List<ItemRef> artists, Optional<Integer> year,
                   Optional<String> releaseDate, Optional<String> originalDate, boolean compilation, List<String> genres,
                   Optional<Long> coverImageId, int songCount, long durationMs, Optional<String> label, Optional<UUID> mbid,
                   Instant addedAt, Marks marks) {
    public Album {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(artist, "artist");
        artists = List.copyOf(artists);
        Objects.requireNonNull(year, "year");
        Objects.requireNonNull(releaseDate, "releaseDate");
        Objects.requireNonNull(originalDate, "originalDate");
        genres = List.copyOf(genres);
        Objects.requireNonNull(coverImageId, "coverImageId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(mbid, "mbid");
        Objects.requireNonNull(addedAt, "addedAt");
        Objects.requireNonNull(marks, "marks");
    }
}
