package dev.resonance.plugin.testkit;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.plugin.PluginDescriptor;
import dev.resonance.api.plugin.PluginPermission;

/** The check every core service makes before serving a plugin: did its descriptor declare the permission? */
final class Permissions {

    /** The code of the refusal, for tests that look at it. */
    static final String NOT_DECLARED = "plugin_permission_not_declared";

    private Permissions() {
    }

    static void require(Descriptor descriptor, PluginPermission permission, String call) {
        if (!descriptor.declares(permission)) {
            throw ResonanceException.forbidden(NOT_DECLARED, "plugin \"" + descriptor.id() + "\" called " + call
                + " without declaring the \"" + permission.jsonName() + "\" permission in " + PluginDescriptor.RESOURCE
                + ": add \"" + permission.jsonName() + "\": {\"reason\": \"...\"} to its \"permissions\"");
        }
    }
}
