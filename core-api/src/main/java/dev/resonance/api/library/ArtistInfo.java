package dev.resonance.api.library;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An artist as plugins see it.
 *
 * @param id the core's id
 * @param name the name
 * @param mbid MusicBrainz artist id, when tagged
 */
public record ArtistInfo(long id, String name, Optional<UUID> mbid) {
    public ArtistInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mbid, "mbid");
    }
}
