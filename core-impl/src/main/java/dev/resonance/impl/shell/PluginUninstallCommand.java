package dev.resonance.impl.shell;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code resonance:plugin-uninstall ID}: removes the plugin, the admin's approvals and its store. */
@Command(scope = "resonance", name = "plugin-uninstall", description = "Removes a plugin with its approvals and store")
@Service
public class PluginUninstallCommand extends PluginCommand {

    @Argument(name = "id", required = true, description = "The plugin id")
    String id;

    public PluginUninstallCommand() {
    }

    @Override
    void run(PrintStream out) {
        plugins.installer().uninstall(id, OPERATOR);
        out.println(id + " uninstalled");
    }
}
