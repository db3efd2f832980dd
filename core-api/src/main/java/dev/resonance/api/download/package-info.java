/**
 * Getting what the library lacks: the {@link dev.resonance.api.download.DownloadProvider} SPI (a Lidarr plugin, say)
 * that is asked for a release and reports how its request goes. Calling conventions: {@code dev.resonance.api.plugin}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.download;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
