package dev.resonance.api.search;

/** What a search hit is. */
public enum SearchKind {
    TRACK, ALBUM, ARTIST
}
