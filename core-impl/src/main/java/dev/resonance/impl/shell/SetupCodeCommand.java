package dev.resonance.impl.shell;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code resonance:setup-code}: the one-time code for registering the first account from another machine. */
@Command(scope = "resonance", name = "setup-code",
        description = "Shows the one-time code needed to register the first (administrator) account from another machine")
@Service
public class SetupCodeCommand extends OperatorCommand {

    public SetupCodeCommand() {
    }

    @Override
    void run(PrintStream out) {
        out.println(auth.setupCode()
                .map(code -> code + "  (send it as \"setupCode\" with the first registration; it dies once an account exists"
                        + " or the server restarts)")
                .orElseThrow(() -> new CommandFailure("An account already exists: no setup code is needed any more")));
    }
}
