package dev.resonance.api.library;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An album as plugins see it.
 *
 * @param id the core's id
 * @param title the title
 * @param artist the display album artist
 * @param year the release year, when tagged
 * @param mbid MusicBrainz release id, when tagged
 * @param releaseGroupMbid MusicBrainz release-group id, when tagged
 * @param trackCount tracks the library holds of it
 */
public record AlbumInfo(long id, String title, String artist, Optional<Integer> year, Optional<UUID> mbid,
                        Optional<UUID> releaseGroupMbid, int trackCount) {
    public AlbumInfo {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(artist, "artist");
        Objects.requireNonNull(year, "year");
        Objects.requireNonNull(mbid, "mbid");
        Objects.requireNonNull(releaseGroupMbid, "releaseGroupMbid");
    }
}
