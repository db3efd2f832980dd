package dev.resonance.api.library;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a catalog listing.
 *
 * @param items the items, in the listing's order
 * @param next the cursor that continues the listing; empty on the last page. For
 *     {@link Catalog#changedTracks(Optional, int)} the last page's cursor is still given (as {@code next}): keep it and
 *     ask again later for what changed since.
 */
public record CatalogPage<T>(List<T> items, Optional<String> next) {
    public CatalogPage {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
