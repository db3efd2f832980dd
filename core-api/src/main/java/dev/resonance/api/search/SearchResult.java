package dev.resonance.api.search;

import java.util.List;

/** A provider's answer: hits best first, at most the query's limit per kind (the core cuts the rest). */
public record SearchResult(List<SearchHit> hits) {
    public SearchResult {
        hits = List.copyOf(hits);
    }
}
