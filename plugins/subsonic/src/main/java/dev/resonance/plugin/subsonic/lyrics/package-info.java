/** The Subsonic API's lyrics: {@code getLyricsBySongId} (the {@code songLyrics} extension). */
package dev.resonance.plugin.subsonic.lyrics;
