/**
 * Storage of a plugin's own, never the core's tables. See {@link dev.resonance.api.storage.KeyValueStore}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
