/**
 * Lyrics: the model the core serves ({@code GET /api/v1/content/tracks/{id}/lyrics}, and unchanged by the Subsonic
 * API's songLyrics extension later) and the {@link dev.resonance.api.lyrics.LyricsProvider} SPI plugins implement.
 * A track may have several {@link dev.resonance.api.lyrics.Lyrics}, each a language, a synced flag, an offset and
 * lines with optional start times and optional word cues (songLyrics v2). Immutable records; times in milliseconds.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.lyrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
