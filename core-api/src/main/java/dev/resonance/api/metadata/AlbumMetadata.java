package dev.resonance.api.metadata;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link MetadataProvider} knows about an album. Empty fields mean "not known here".
 *
 * @param description a plain-text description
 * @param images cover images, best first (http or https)
 * @param tags genres and descriptive tags, most relevant first
 * @param url a page about the album
 */
public record AlbumMetadata(Optional<String> description, List<URI> images, List<String> tags, Optional<URI> url) {
    public AlbumMetadata {
        Objects.requireNonNull(description, "description");
        images = List.copyOf(images);
        tags = List.copyOf(tags);
        Objects.requireNonNull(url, "url");
    }
}
