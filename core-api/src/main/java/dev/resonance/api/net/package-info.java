/**
 * Outgoing HTTP for plugins, limited to the hosts each plugin declared. See {@link dev.resonance.api.net.PluginHttp}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
