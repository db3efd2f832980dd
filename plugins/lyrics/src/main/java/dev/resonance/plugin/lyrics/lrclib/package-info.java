/**
 * The {@code lrclib} source: an LRCLIB-compatible server, off by default, cached in the plugin's key-value store,
 * rate-limited, and quiet about outages (one warning each).
 */
package dev.resonance.plugin.lyrics.lrclib;
