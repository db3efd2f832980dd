package dev.resonance.impl.shell;

import dev.resonance.impl.plugins.PluginManager;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code resonance:plugin-list}: every plugin with its version, state and problem. */
@Command(scope = "resonance", name = "plugin-list", description = "Lists the plugins, their state and problems")
@Service
public class PluginListCommand extends PluginCommand {

    public PluginListCommand() {
    }

    @Override
    void run(PrintStream out) {
        ShellTable table = new ShellTable().emptyTableText("No plugins installed (see resonance:plugin-install --list)");
        table.column("Plugin");
        table.column("Version");
        table.column("State");
        table.column("Capabilities");
        table.column("Reason / problem");
        for (PluginManager.Plugin p : plugins.manager().list()) {
            table.addRow().addContent(p.id(), p.version(), p.state().name().toLowerCase(Locale.ROOT),
                p.descriptor().map(d -> String.join(", ", d.capabilities())).orElse(""),
                p.problem().map(PluginManager.Problem::message).or(p::reason).orElse(""));
        }
        Tables.print(table, out);
    }
}
