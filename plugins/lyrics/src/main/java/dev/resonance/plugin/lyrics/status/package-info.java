/** The plugin's HTTP surface: {@code GET /api/plugins/lyrics/status}. */
package dev.resonance.plugin.lyrics.status;
