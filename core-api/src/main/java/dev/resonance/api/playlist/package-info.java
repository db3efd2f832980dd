/**
 * Smart playlists: the {@link dev.resonance.api.playlist.SmartPlaylistEngine} SPI that turns a rule in the engine's
 * own language into tracks. Calling conventions: {@code dev.resonance.api.plugin}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.playlist;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
