/** Browsing: folders, indexes, artists, albums, songs, directories, genres, top songs. */
package dev.resonance.plugin.subsonic.browsing;
