package dev.resonance.api.search;

import java.util.Objects;
import java.util.Set;

/**
 * A search as the user typed it.
 *
 * @param text the words, as typed (typos included: providers are expected to tolerate them)
 * @param userId who searches
 * @param kinds what to look for; never empty
 * @param limit at most this many hits per kind, 1 to 500
 */
public record SearchQuery(String text, long userId, Set<SearchKind> kinds, int limit) {
    public SearchQuery {
        Objects.requireNonNull(text, "text");
        kinds = Set.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a search looks for at least one kind");
        }
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1 to 500");
        }
    }
}
