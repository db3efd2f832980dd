package dev.resonance.impl.shell;

import dev.resonance.impl.plugins.PluginAdmin;
import dev.resonance.impl.plugins.PluginManager;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** What the {@code resonance:plugin-*} commands share: the plugin manager, and one way to print a plugin's state. */
abstract class PluginCommand extends OperatorCommand {

    @Reference
    PluginAdmin plugins;

    /** The operator acts as nobody in particular: audited as "the operator". */
    static final Optional<Long> OPERATOR = Optional.empty();

    static void state(PluginManager.Plugin plugin, PrintStream out) {
        out.println(plugin.id() + " " + plugin.version() + ": " + plugin.state().name().toLowerCase(java.util.Locale.ROOT)
            + plugin.reason().map(r -> " (" + r + ")").orElse(""));
    }
}
