package dev.resonance.impl.shell;

import java.io.PrintStream;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code resonance:user-passwd [-p PASSWORD] alice}: sets a new password and signs the user out on every device. */
@Command(scope = "resonance", name = "user-passwd",
        description = "Sets a user's password (asks for it twice) and signs the user out everywhere")
@Service
public class UserPasswdCommand extends OperatorCommand {

    @Argument(index = 0, name = "username", description = "The user whose password changes", required = true)
    String username;

    @Option(name = "-p", aliases = "--password", description = "The new password, for scripts (otherwise it is asked for)",
            censor = true, mask = '*')
    String password;

    @Reference
    Session session;

    /** Tests answer the prompts; {@code null} means the Karaf console. */
    PasswordPrompt prompt;

    public UserPasswdCommand() {
    }

    @Override
    void run(PrintStream out) {
        long id = userIdOf(username);
        String secret = PasswordPrompt.obtain(Optional.ofNullable(password),
                prompt != null ? prompt : PasswordPrompt.console(session));
        auth.setPassword(id, secret, Optional.empty());
        out.println("Password of '" + username + "' changed; the user is signed out on every device");
    }
}
