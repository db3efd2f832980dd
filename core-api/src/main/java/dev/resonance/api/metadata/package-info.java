/**
 * Artist and album information from outside the files (biographies, images, similar artists, tags): the
 * {@link dev.resonance.api.metadata.MetadataProvider} SPI. Calling conventions: {@code dev.resonance.api.plugin}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.metadata;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
