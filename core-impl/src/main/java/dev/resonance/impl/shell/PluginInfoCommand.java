package dev.resonance.impl.shell;

import dev.resonance.impl.plugins.AdminPluginsResource;
import dev.resonance.impl.plugins.Descriptor;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code resonance:plugin-info ID}: a plugin's descriptor, permissions with reasons, state and settings. */
@Command(scope = "resonance", name = "plugin-info", description = "Shows a plugin: descriptor, permissions, state, settings")
@Service
public class PluginInfoCommand extends PluginCommand {

    @Argument(name = "id", required = true, description = "The plugin id")
    String id;

    public PluginInfoCommand() {
    }

    @Override
    void run(PrintStream out) {
        AdminPluginsResource.PluginView view = plugins.view(id);
        state(view.plugin(), out);
        view.plugin().descriptor().ifPresent(d -> describe(d, out));
        view.plugin().problem().ifPresent(p -> out.println("Last problem: " + p.message() + " (" + p.count() + "x, last "
            + p.at() + ")"));
        view.config().ifPresent(form -> {
            out.println("Settings (" + form.pid() + "):");
            form.fields().forEach(f -> out.println("  " + f.id() + " = "
                + (f.secret() ? (f.set() ? "(secret, set)" : "(secret, not set)") : f.value().map(String::valueOf)
                .orElse("(default " + String.join(",", f.defaults()) + ")")) + "  — " + f.name()));
        });
    }

    private static void describe(Descriptor d, PrintStream out) {
        out.println(d.name() + " by " + d.author() + " (" + d.license() + ")" + d.website().map(w -> " " + w).orElse(""));
        out.println(d.description());
        out.println("Works with core-api " + d.api() + "; provides " + String.join(", ", d.capabilities()));
        out.println("Asks for:");
        d.permissionsByName().forEach((name, grant) -> out.println("  " + name
            + (grant.hosts().isEmpty() ? "" : " " + grant.hosts()) + (grant.maxBytes() > 0 ? " " + grant.maxBytes() + " bytes" : "")
            + " — " + grant.reason()));
    }
}
