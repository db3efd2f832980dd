/**
 * The music catalog: artists, albums, tracks, genres, images, and library folders. Plugins read it through
 * {@link dev.resonance.api.library.Catalog} (never the core's tables).
 */
@Export
@Version("1.1.0")
package dev.resonance.api.library;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
