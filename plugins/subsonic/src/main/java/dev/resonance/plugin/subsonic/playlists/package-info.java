/** The Subsonic API's playlists methods. */
package dev.resonance.plugin.subsonic.playlists;
