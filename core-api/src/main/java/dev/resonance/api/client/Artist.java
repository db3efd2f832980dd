package dev.resonance.api.client;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An artist as a client app shows it.
 *
 * @param id the core's id
 * @param name the name
 * @param sortName the key to sort and index by: lower case, without accents or a leading English article
 *     ({@code beatles} for The Beatles)
 * @param mbid the MusicBrainz artist id, when tagged
 * @param imageId the artist's image id, when there is one
 * @param albumCount albums (as album artist) the user can see
 * @param marks the user's likes and ratings of it (plays are not counted for artists: always 0 and never)
 */
public record Artist(long id, String name, String sortName, Optional<UUID> mbid, Optional<Long> imageId, int albumCount,
                     Marks marks) {
    public Artist {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sortName, "sortName");
        Objects.requireNonNull(mbid, "mbid");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(marks, "marks");
    }
}
