package dev.resonance.impl.shell;

import dev.resonance.impl.auth.AuthRequests;
import dev.resonance.impl.auth.AuthViews;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code resonance:user-add [--admin] [--display-name "Alice A."] [-p PASSWORD] alice}: asks for the password twice
 * unless {@code -p} gives it. Like every Karaf command, options come before the arguments.
 */
@Command(scope = "resonance", name = "user-add", description = "Creates a Resonance user (asks for the password twice)")
@Service
public class UserAddCommand extends OperatorCommand {

    @Argument(index = 0, name = "username", description = "2 to 64 letters, digits, '.', '_' or '-'", required = true)
    String username;

    @Option(name = "--admin", description = "Make the user an administrator (default: a regular user)")
    boolean admin;

    @Option(name = "--display-name", description = "The name shown in the apps")
    String displayName;

    @Option(name = "-p", aliases = "--password", description = "The password, for scripts (otherwise it is asked for)",
            censor = true, mask = '*')
    String password;

    @Reference
    Session session;

    /** Tests answer the prompts; {@code null} means the Karaf console. */
    PasswordPrompt prompt;

    public UserAddCommand() {
    }

    @Override
    void run(PrintStream out) {
        if (auth.userId(username).isPresent()) { // before asking for a password that would be thrown away
            throw new CommandFailure("The username '" + username + "' is taken");
        }
        String secret = PasswordPrompt.obtain(Optional.ofNullable(password),
                prompt != null ? prompt : PasswordPrompt.console(session));
        AuthViews.User user = auth.createUser(new AuthRequests.CreateUser(username, secret,
                Optional.of(admin ? "admin" : "regular"), Optional.ofNullable(displayName)), Optional.empty());
        out.println("Created " + user.role() + " user '" + user.username() + "' (id " + user.id() + ")");
    }
}
