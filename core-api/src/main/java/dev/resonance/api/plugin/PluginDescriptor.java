package dev.resonance.api.plugin;

import java.util.Set;

/**
 * Where a plugin bundle describes itself. A bundle is a plugin when its manifest has the {@link #HEADER} header (its
 * id) and it carries {@link #RESOURCE}, a JSON document:
 *
 * <pre>{@code
 * {
 *   "id": "lyrics",                         // = the header; [a-z][a-z0-9-]{1,31}; PID resonance.plugin.<id>
 *   "name": "Lyrics",
 *   "author": "The Resonance developers",
 *   "description": "Synced and plain lyrics from tags, .lrc files and LRCLIB",
 *   "website": "https://example.org",       // optional
 *   "license": "Apache-2.0",
 *   "api": "[1.1,2)",                        // the core-api versions it works with (OSGi version range)
 *   "capabilities": ["LyricsProvider"],      // the SPIs it registers, "http" when it serves HTTP: see capabilities()
 *   "permissions": {                         // each with the reason shown to the admin
 *     "catalog":       { "reason": "match tracks to lyrics" },
 *     "library-files": { "reason": "read .lrc files next to tracks" },
 *     "network":       { "reason": "ask LRCLIB when nothing is local", "hosts": ["lrclib.net"] },
 *     "storage":       { "reason": "cache LRCLIB answers", "maxBytes": 10485760 }
 *   }
 * }
 * }</pre>
 *
 * The plugin's version is its {@code Bundle-Version}. A plugin whose {@code api} range excludes the running core-api,
 * whose descriptor is missing or malformed, or whose id is taken is refused with that reason and never started.
 */
public final class PluginDescriptor {

    /** The manifest header naming the plugin's id. */
    public static final String HEADER = "Resonance-Plugin";

    /** The descriptor's path inside the bundle. */
    public static final String RESOURCE = "META-INF/resonance/plugin.json";

    /**
     * The version of the plugin API this core-api offers, the one a descriptor's {@code api} range must include. It
     * moves with the packages of this bundle: a minor step when one of them gains something, a major step when one
     * breaks (the build's API baseline check keeps the packages honest); always core-api's {@code Bundle-Version}
     * (checked by a test). A method, so that plugins and the core read
     * the running value rather than one inlined at compile time.
     */
    public static String apiVersion() {
        return "1.2.0";
    }

    /**
     * The capability names a descriptor may use with this core-api: each SPI's simple name ({@code "LyricsProvider"},
     * {@code "MetadataProvider"}, …) and {@code "http"} for a plugin that serves HTTP. The core never uses a plugin's
     * service of an SPI its descriptor does not name, and refuses a descriptor naming anything else (a typo would
     * otherwise silently switch the service off).
     */
    public static Set<String> capabilities() {
        return CAPABILITIES;
    }

    private static final Set<String> CAPABILITIES = Set.of("LyricsProvider", "MetadataProvider", "SearchProvider",
        "SmartPlaylistEngine", "Recommender", "AudioAnalyzer", "EmbeddingProvider", "NaturalLanguageSearch",
        "ChatAssistant", "DownloadProvider", "NowPlayingListener", "Scrobbler", "UserActivityListener", "GraphQlContribution", "http");

    /** The Config Admin PID of plugin {@code id}'s configuration. */
    public static String pid(String id) {
        return "resonance.plugin." + id;
    }

    private PluginDescriptor() {
    }
}
