package dev.resonance.api.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in user's own marks on an item.
 *
 * @param liked when the user liked it ("starred" in Subsonic), if they do
 * @param rating the user's rating, 1 to 5, if any
 * @param plays how many times the user played it (for an album or artist: plays of its tracks)
 * @param lastPlayed when the user last played it, if ever
 */
public record Marks(Optional<Instant> liked, Optional<Integer> rating, long plays, Optional<Instant> lastPlayed) {

    /** No marks. */
    public static final Marks NONE = new Marks(Optional.empty(), Optional.empty(), 0, Optional.empty());

    public Marks {
        Objects.requireNonNull(liked, "liked");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(lastPlayed, "lastPlayed");
    }
}
