/**
 * The lyrics plugin: three {@link dev.resonance.api.lyrics.LyricsProvider} services — {@code embedded} (tags),
 * {@code sidecar} (files next to the track) and {@code lrclib} (online, off by default) — one status resource, and the
 * configuration they share ({@link dev.resonance.plugin.lyrics.LyricsConfig}). Exports nothing.
 */
package dev.resonance.plugin.lyrics;
