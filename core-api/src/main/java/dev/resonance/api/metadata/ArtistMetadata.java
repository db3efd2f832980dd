package dev.resonance.api.metadata;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link MetadataProvider} knows about an artist. Empty fields mean "not known here": the core takes them from
 * the next provider.
 *
 * @param biography a plain-text biography
 * @param images pictures of the artist, best first (http or https)
 * @param similarArtists names of similar artists, most similar first
 * @param tags genres and descriptive tags, most relevant first
 * @param url a page about the artist
 */
public record ArtistMetadata(Optional<String> biography, List<URI> images, List<String> similarArtists,
                             List<String> tags, Optional<URI> url) {
    public ArtistMetadata {
        Objects.requireNonNull(biography, "biography");
        images = List.copyOf(images);
        similarArtists = List.copyOf(similarArtists);
        tags = List.copyOf(tags);
        Objects.requireNonNull(url, "url");
    }
}
