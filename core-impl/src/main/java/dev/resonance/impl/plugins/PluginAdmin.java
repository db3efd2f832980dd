package dev.resonance.impl.plugins;

import dev.resonance.api.error.ResonanceException;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;

/** What the REST API and the shell drive: the manager, the installer, settings and the audit trail. */
public record PluginAdmin(PluginManager manager, PluginInstaller installer, Optional<PluginSettings> settings,
                          PluginAudit audit) {

    public AdminPluginsResource.PluginView view(String id) {
        PluginManager.Plugin plugin = manager.get(id);
        return new AdminPluginsResource.PluginView(plugin, settings.map(s -> s.form(id, bundle(id))));
    }

    public PluginSettings.Form config(String id) {
        Bundle bundle = bundle(id);
        return settings().orElseThrow(PluginAdmin::noConfigAdmin).form(id, bundle);
    }

    public PluginSettings.Form configure(String id, Map<String, Object> changes, Optional<Long> by) {
        Bundle bundle = bundle(id);
        PluginSettings.Form form = settings().orElseThrow(PluginAdmin::noConfigAdmin).update(id, bundle, changes);
        audit.accept(new PluginManager.Action("plugin.configured", id, manager.get(id).version(), by));
        return form;
    }

    private Bundle bundle(String id) {
        return manager.bundle(id).orElseThrow(() -> ResonanceException.notFound("plugin_not_found", "No plugin " + id));
    }

    private static ResonanceException noConfigAdmin() {
        return ResonanceException.unavailable("plugin_config_store", "Configuration Admin is not running");
    }
}
