package dev.resonance.impl.shell;

import java.io.PrintStream;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code resonance:plugin-upgrade ID [--version V]}: another version from the repository (newest, or V to downgrade). */
@Command(scope = "resonance", name = "plugin-upgrade", description = "Moves a plugin to another version from the repository")
@Service
public class PluginUpgradeCommand extends PluginCommand {

    @Argument(name = "id", required = true, description = "The plugin id")
    String id;

    @Option(name = "--version", description = "The version (default: the newest); an older one downgrades")
    String version;

    public PluginUpgradeCommand() {
    }

    @Override
    void run(PrintStream out) {
        plugins.manager().get(id);
        state(plugins.installer().installFromRepository(id, Optional.ofNullable(version), OPERATOR), out);
    }
}
