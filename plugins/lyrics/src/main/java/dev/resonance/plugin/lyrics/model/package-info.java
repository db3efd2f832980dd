/**
 * What the plugin's parsers produce: {@link dev.resonance.plugin.lyrics.model.ParsedLyrics}, the
 * {@link dev.resonance.api.lyrics.Lyrics} of core-api plus what a parser had to leave out. Private to the plugin.
 */
package dev.resonance.plugin.lyrics.model;
