/**
 * Access to the Resonance PostgreSQL database for core components. The {@link dev.resonance.api.db.Database}
 * service is only registered once the database is reachable and migrated, so a component that requires it
 * never sees a half-ready schema.
 */
@Export
@Version("1.1.0")
package dev.resonance.api.db;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
