/**
 * The music catalog: artists, albums, tracks, genres, images, and library folders.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.library;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
