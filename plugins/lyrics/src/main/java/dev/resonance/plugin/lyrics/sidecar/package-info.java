/** The {@code sidecar} source: {@code .elrc}, {@code .lrc} and {@code .txt} files next to the track. */
package dev.resonance.plugin.lyrics.sidecar;
