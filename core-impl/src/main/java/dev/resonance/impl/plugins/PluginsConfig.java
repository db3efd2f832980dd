package dev.resonance.impl.plugins;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin PID {@code resonance.core.plugins}; defaults shipped in {@code etc/resonance.core.plugins.cfg}. */
@ObjectClassDefinition(name = "Resonance plugins", description = "How the core calls plugins.")
public @interface PluginsConfig {

    String PID = "resonance.core.plugins";

    @AttributeDefinition(name = "Plugin call timeout (ms)", min = "100", max = "60000",
        description = "The longest a call into a plugin may take; past it the caller gets the plugin's degraded answer")
    int callTimeout() default 5000;

    @AttributeDefinition(name = "Concurrent calls per plugin", min = "1", max = "64",
        description = "A plugin that hangs holds at most this many threads; further calls to it fail fast")
    int callsPerPlugin() default 8;
}
