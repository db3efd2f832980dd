/**
 * Health reporting: components contribute {@link dev.resonance.api.health.HealthIndicator}s, the core
 * aggregates them into {@code /health}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
