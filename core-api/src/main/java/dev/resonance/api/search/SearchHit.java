package dev.resonance.api.search;

import java.util.Objects;

/**
 * One hit: a catalog id of a kind, with the provider's relevance (higher is better; only the order within one answer
 * means anything).
 */
public record SearchHit(SearchKind kind, long id, double score) {
    public SearchHit {
        Objects.requireNonNull(kind, "kind");
    }
}
