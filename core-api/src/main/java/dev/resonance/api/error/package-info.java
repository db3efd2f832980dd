/**
 * The errors the core and plugins throw for what a caller can act on: a {@link dev.resonance.api.error.ResonanceException}
 * names its {@link dev.resonance.api.error.ResonanceException.Kind kind} (not found, conflict, ...), a stable
 * machine code and a message for the user. Nothing here knows HTTP: the core maps each kind to one status and
 * answers the one JSON error shape {@code {"error":{"code","message"}}}, whether the exception comes from a core
 * service, a JAX-RS resource or a plugin's own resource or service.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.error;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
