/**
 * Server-wide settings every component may need (data directory, HTTP port, music library folder).
 */
@Export
@Version("1.0.0")
package dev.resonance.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
