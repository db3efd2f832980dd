package dev.resonance.impl.shell;

import java.io.PrintStream;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code resonance:user-admin alice}: makes the user an enabled administrator holding ManagePermissions. The way back
 * in when no one can administer any more (every administrator demoted, disabled or denied ManagePermissions).
 */
@Command(scope = "resonance", name = "user-admin",
        description = "Makes a user an enabled administrator with ManagePermissions (the way back in when no admin is left)")
@Service
public class UserAdminCommand extends OperatorCommand {

    @Argument(index = 0, name = "username", description = "The user", required = true)
    String username;

    public UserAdminCommand() {
    }

    @Override
    void run(PrintStream out) {
        auth.makeAdministrator(userIdOf(username), Optional.empty());
        out.println("'" + username + "' is now an enabled administrator with ManagePermissions");
    }
}
