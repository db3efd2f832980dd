/** The {@code sonicSimilarity} extension: similar songs and paths between two songs, from the recommender plugins. */
package dev.resonance.plugin.subsonic.sonic;
