/**
 * Contributing to Resonance's HTTP surface: a bundle publishes JAX-RS resources and servlets as OSGi services with
 * the properties of {@link dev.resonance.api.http.HttpContribution}; the core serves them while they are registered,
 * without restarting anything else. See {@code docs/plugins-http.md}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
