/** The {@code embedded} source: lyrics in the track's own tags, as the core's scanner kept them. */
package dev.resonance.plugin.lyrics.embedded;
