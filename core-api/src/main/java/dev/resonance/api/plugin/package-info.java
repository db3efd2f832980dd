/**
 * What makes a bundle a Resonance plugin: its descriptor ({@link dev.resonance.api.plugin.PluginDescriptor#RESOURCE},
 * a JSON file in the bundle) and the {@link dev.resonance.api.plugin.PluginPermission permissions} it asks for. The
 * core's plugin manager reads the descriptor, refuses an incompatible plugin with a reason, keeps a new or upgraded
 * plugin stopped until an admin enables it, and gives the plugin only what it declared. See {@code docs/plugins.md}.
 */
@Export
@Version("1.0.0")
package dev.resonance.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
