/**
 * Recommendations (autoplay, similar tracks, discovery playlists): the
 * {@link dev.resonance.api.recommend.Recommender} SPI. Calling conventions: {@code dev.resonance.api.plugin}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.recommend;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
