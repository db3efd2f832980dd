package dev.resonance.impl.shell;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code resonance:plugin-config ID [key=value ...]}: shows or changes a plugin's settings ({@code key=} clears one). */
@Command(scope = "resonance", name = "plugin-config", description = "Shows or changes a plugin's settings")
@Service
public class PluginConfigCommand extends PluginCommand {

    @Argument(name = "id", required = true, description = "The plugin id")
    String id;

    @Argument(index = 1, name = "settings", multiValued = true, description = "key=value pairs to change")
    List<String> settings;

    public PluginConfigCommand() {
    }

    @Override
    void run(PrintStream out) {
        var form = plugins.config(id);
        if (settings != null && !settings.isEmpty()) {
            Map<String, Object> changes = new LinkedHashMap<>();
            for (String setting : settings) {
                int eq = setting.indexOf('=');
                if (eq <= 0) {
                    throw new CommandFailure("Write settings as key=value: " + setting);
                }
                String value = setting.substring(eq + 1);
                changes.put(setting.substring(0, eq), value.isEmpty() ? null : value);
            }
            form = plugins.configure(id, changes, OPERATOR);
        }
        out.println(form.pid() + ":");
        form.fields().forEach(f -> out.println("  " + f.id() + " = " + (f.secret() ? (f.set() ? "(secret, set)" : "(not set)")
            : f.value().map(String::valueOf).orElse("(default " + String.join(",", f.defaults()) + ")"))));
    }
}
