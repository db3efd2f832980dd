/**
 * Lyrics as the OpenSubsonic {@code songLyrics} extension serves them ({@code structuredLyrics}): a track may have
 * several {@link dev.resonance.plugin.lyrics.model.Lyrics}, each a language, a synced flag, an offset and lines with
 * optional start times and optional word cues (songLyrics v2). Immutable records; all times are milliseconds.
 * Private to the plugin (a plugin exports nothing).
 */
package dev.resonance.plugin.lyrics.model;
