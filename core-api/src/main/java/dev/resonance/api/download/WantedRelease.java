package dev.resonance.api.download;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A release a user wants. MusicBrainz ids identify it when known; names otherwise.
 *
 * @param artist the artist's name
 * @param album the release's title
 * @param artistMbid the MusicBrainz artist id, when known
 * @param releaseGroupMbid the MusicBrainz release group id, when known
 */
public record WantedRelease(String artist, String album, Optional<UUID> artistMbid, Optional<UUID> releaseGroupMbid) {
    public WantedRelease {
        Objects.requireNonNull(artist, "artist");
        Objects.requireNonNull(album, "album");
        Objects.requireNonNull(artistMbid, "artistMbid");
        Objects.requireNonNull(releaseGroupMbid, "releaseGroupMbid");
    }
}
