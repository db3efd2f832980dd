/**
 * Readers of the lyrics formats a music library holds: LRC / enhanced LRC sidecars and tag values, plain text
 * sidecars, and the ID3v2 {@code SYLT} / {@code USLT} frames. Each turns bytes or text into the
 * {@link dev.resonance.plugin.lyrics.model} records, and fails only with {@link
 * dev.resonance.plugin.lyrics.formats.MalformedLyricsException} (an {@link java.lang.IllegalArgumentException}).
 */
package dev.resonance.plugin.lyrics.formats;
