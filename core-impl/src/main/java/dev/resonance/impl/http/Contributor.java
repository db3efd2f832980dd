package dev.resonance.impl.http;

import dev.resonance.api.plugin.PluginDescriptor;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;

/**
 * Who contributes a REST resource, a servlet or a WebSocket: the core, a plugin (a bundle with the
 * {@link PluginDescriptor#HEADER} header, by its id), or another bundle an operator deployed. The paths with a plugin
 * id in them ({@code /api/plugins/<id>}, {@code /webhooks/<id>}) belong to the plugin with that id: a plugin cannot
 * take another plugin's paths, even while that one is not installed. A bundle that is not a plugin may use any free
 * id (an operator's own extension); the core may serve anywhere the site serves.
 */
record Contributor(boolean core, Optional<String> pluginId) {

    /** The paths that end in a plugin id (then {@code /} or nothing). */
    static final List<String> OWNED_PREFIXES = List.of("/api/plugins/", "/webhooks/");

    static final Contributor CORE = new Contributor(true, Optional.empty());

    static Contributor plugin(String id) {
        return new Contributor(false, Optional.of(id));
    }

    static Contributor other() {
        return new Contributor(false, Optional.empty());
    }

    /** The contributor behind a service of {@code bundle} ({@code null}: already gone, treated as another bundle). */
    static Contributor of(Bundle bundle, Bundle coreBundle) {
        if (bundle != null && bundle == coreBundle) {
            return CORE;
        }
        String id = bundle == null ? null : bundle.getHeaders("").get(PluginDescriptor.HEADER);
        return id == null || id.isBlank() ? other() : plugin(id.strip());
    }

    /**
     * Throws {@link IllegalArgumentException} when {@code path} (absolute, e.g. {@code /api/plugins/lyrics/status})
     * names a plugin id that is not this plugin's.
     */
    void requireOwnPath(String path) {
        if (pluginId.isEmpty()) {
            return;
        }
        for (String prefix : OWNED_PREFIXES) {
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                int slash = rest.indexOf('/');
                String id = slash < 0 ? rest : rest.substring(0, slash);
                if (!id.equals(pluginId.get())) {
                    throw new IllegalArgumentException("plugin '" + pluginId.get() + "' serves under " + prefix + pluginId.get()
                            + ", not under " + prefix + id + " (that path belongs to the plugin with id '" + id + "')");
                }
            }
        }
    }
}
