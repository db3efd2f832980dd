package dev.resonance.api.search;

/** What a search hit is. {@link #PLAYLIST} since 1.1: a provider that does not index playlists never answers one. */
public enum SearchKind {
    TRACK, ALBUM, ARTIST, PLAYLIST
}
