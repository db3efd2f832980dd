/**
 * What makes a bundle a Resonance plugin: its descriptor ({@link dev.resonance.api.plugin.PluginDescriptor#RESOURCE},
 * a JSON file in the bundle) and the {@link dev.resonance.api.plugin.PluginPermission permissions} it asks for. The
 * core's plugin manager reads the descriptor, refuses an incompatible plugin with a reason, keeps a new or upgraded
 * plugin stopped until an admin enables it, and gives the plugin only what it declared. See {@code docs/plugins.md}.
 *
 * <p><b>Calling conventions of every SPI</b> ({@code LyricsProvider}, {@code MetadataProvider}, {@code SearchProvider},
 * {@code SmartPlaylistEngine}, {@code Recommender}, {@code AudioAnalyzer}, {@code EmbeddingProvider},
 * {@code NaturalLanguageSearch}, {@code ChatAssistant}, {@code DownloadProvider}, {@code NowPlayingListener},
 * {@code Scrobbler}, {@code UserActivityListener}; contributions — {@code GraphQlContribution}, and {@code http} for
 * REST resources and endpoints — are served while the plugin runs, i.e. while it is enabled, and their names in
 * {@code capabilities} tell the admin what the plugin adds). A plugin implements an SPI by registering an OSGi service under its interface and naming the
 * interface's simple name in its descriptor's {@code capabilities}; the core uses a service only while its plugin is
 * enabled, and never one whose SPI the descriptor does not name (it logs that once). Every call runs on the core's
 * plugin-call threads, never on a request or streaming thread, and may take at most the plugin call timeout (5 s by
 * default, {@code callTimeout} of PID {@code resonance.core.plugins}); a call past it is interrupted and its result
 * dropped. Calls may run at the same time: implementations must be thread-safe and should honour interruption. A call
 * that throws, times out, or whose service is unregistered mid-call counts as "no answer from this plugin": the user
 * still gets an answer (the next plugin's, or the core's own), the failure is logged once per plugin and cause, and
 * the plugin manager shows it as the plugin's problem. Each SPI says how its answers are combined.
 */
@Export
@Version("1.1.0")
package dev.resonance.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
