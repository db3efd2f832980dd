package dev.resonance.api.library;

import java.util.Locale;

/** How an artist took part in a track or album. JSON uses the lower-case name. */
public enum ArtistRole {
    /** The main credited artist(s). */
    PERFORMER,
    /** "feat." guests. */
    FEATURED,
    COMPOSER,
    LYRICIST,
    REMIXER,
    CONDUCTOR,
    ARRANGER,
    PRODUCER,
    /** Album artist (on albums). */
    ALBUM_ARTIST;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
