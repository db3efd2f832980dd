package dev.resonance.impl.shell;

import dev.resonance.api.auth.Permission;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code resonance:user-revoke alice ViewAnalytics}: takes a permission away, even one the user's role carries. */
@Command(scope = "resonance", name = "user-revoke", description = "Takes a permission away from a user, even one the role carries")
@Service
public class UserRevokeCommand extends OperatorCommand {

    @Argument(index = 0, name = "username", description = "The user", required = true)
    String username;

    @Argument(index = 1, name = "permission", description = "A permission such as ViewAnalytics (or VIEW_ANALYTICS)", required = true)
    String permission;

    public UserRevokeCommand() {
    }

    @Override
    void run(PrintStream out) {
        Permission revoked = UserGrantCommand.permission(permission);
        auth.revoke(userIdOf(username), revoked, Optional.empty());
        out.println("Revoked " + revoked.apiName() + " from '" + username + "'");
    }
}
