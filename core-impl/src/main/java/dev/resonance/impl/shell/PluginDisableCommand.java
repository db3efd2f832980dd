package dev.resonance.impl.shell;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code resonance:plugin-disable ID}: stops the plugin (kept stopped across restarts; settings and store kept). */
@Command(scope = "resonance", name = "plugin-disable", description = "Stops a plugin and keeps it stopped")
@Service
public class PluginDisableCommand extends PluginCommand {

    @Argument(name = "id", required = true, description = "The plugin id")
    String id;

    public PluginDisableCommand() {
    }

    @Override
    void run(PrintStream out) {
        state(plugins.manager().disable(id, OPERATOR), out);
    }
}
