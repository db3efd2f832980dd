package dev.resonance.impl.client;

import dev.resonance.api.client.ClientAccess;
import dev.resonance.api.client.ClientSession;
import dev.resonance.api.client.Credentials;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.plugin.PluginPermission;
import java.util.function.Predicate;

/** The {@link ClientAccess} one plugin gets: the core's, for a plugin that declared {@code client-api}. */
public final class PermittedClientAccess implements ClientAccess {

    private final ClientAccess access;
    private final String plugin;
    private final Predicate<PluginPermission> declared;

    /** {@code declared}: whether the plugin {@code plugin} declared a permission in its descriptor. */
    public PermittedClientAccess(ClientAccess access, String plugin, Predicate<PluginPermission> declared) {
        this.access = access;
        this.plugin = plugin;
        this.declared = declared;
    }

    @Override
    public ClientSession signIn(Credentials credentials, String clientAddress) {
        requirePermission();
        return access.signIn(credentials, clientAddress);
    }

    @Override
    public boolean recommends() {
        requirePermission();
        return access.recommends();
    }

    private void requirePermission() {
        if (!declared.test(PluginPermission.CLIENT_API)) {
            throw ResonanceException.forbidden("plugin_permission", "Plugin " + plugin + " did not declare the "
                    + PluginPermission.CLIENT_API.jsonName() + " permission in its descriptor");
        }
    }
}
