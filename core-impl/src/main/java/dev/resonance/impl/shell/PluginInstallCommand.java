package dev.resonance.impl.shell;

import dev.resonance.impl.plugins.PluginInstaller;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code resonance:plugin-install ID [--version V]} from the distribution's repository, {@code --file JAR --sha256 H}
 * for a bundle on disk, or {@code --list} for what the repository offers. The plugin arrives disabled.
 */
@Command(scope = "resonance", name = "plugin-install", description = "Installs a plugin (it arrives disabled)")
@Service
public class PluginInstallCommand extends PluginCommand {

    @Argument(name = "id", description = "The plugin id in the distribution's repository")
    String id;

    @Option(name = "--version", description = "The version to install (default: the newest)")
    String version;

    @Option(name = "--file", description = "A plugin bundle jar to install instead")
    String file;

    @Option(name = "--sha256", description = "The SHA-256 of --file, as published by its author")
    String sha256;

    @Option(name = "--list", description = "Lists what the repository offers")
    boolean list;

    public PluginInstallCommand() {
    }

    @Override
    void run(PrintStream out) {
        if (list) {
            for (PluginInstaller.Available a : plugins.installer().available()) {
                out.println(a.id() + " " + a.version() + (a.installed() ? " (installed)" : "") + " — " + a.description());
            }
            return;
        }
        if (file != null) {
            try {
                state(plugins.installer().installUpload(Files.readAllBytes(Path.of(file)), sha256, OPERATOR), out);
            } catch (IOException e) {
                throw new CommandFailure("Cannot read " + file + ": " + e.getMessage());
            }
        } else if (id != null) {
            state(plugins.installer().installFromRepository(id, Optional.ofNullable(version), OPERATOR), out);
        } else {
            throw new CommandFailure("Name a plugin id, --file JAR --sha256 H, or --list");
        }
        out.println("Review its permissions with resonance:plugin-info, then resonance:plugin-enable");
    }
}
