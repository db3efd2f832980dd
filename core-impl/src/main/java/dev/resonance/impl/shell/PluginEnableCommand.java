package dev.resonance.impl.shell;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code resonance:plugin-enable ID}: approves what the plugin asks for and starts it. */
@Command(scope = "resonance", name = "plugin-enable", description = "Approves a plugin's permissions and starts it")
@Service
public class PluginEnableCommand extends PluginCommand {

    @Argument(name = "id", required = true, description = "The plugin id")
    String id;

    public PluginEnableCommand() {
    }

    @Override
    void run(PrintStream out) {
        state(plugins.manager().enable(id, OPERATOR), out);
    }
}
