package dev.resonance.impl.shell;

import dev.resonance.api.auth.Permission;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code resonance:user-grant [--until 2030-01-31T00:00:00Z] alice ViewAnalytics} (options before the arguments, as in all Karaf commands). */
@Command(scope = "resonance", name = "user-grant", description = "Gives a user a permission, for good or until an instant")
@Service
public class UserGrantCommand extends OperatorCommand {

    @Argument(index = 0, name = "username", description = "The user", required = true)
    String username;

    @Argument(index = 1, name = "permission", description = "A permission such as ViewAnalytics (or VIEW_ANALYTICS)", required = true)
    String permission;

    @Option(name = "--until", description = "When the grant ends, an ISO-8601 instant such as 2030-01-31T00:00:00Z")
    String until;

    public UserGrantCommand() {
    }

    @Override
    void run(PrintStream out) {
        Permission granted = permission(permission);
        Optional<Instant> expiresAt = Optional.ofNullable(until).map(UserGrantCommand::instant);
        auth.grant(userIdOf(username), granted, expiresAt, Optional.empty());
        out.println("Granted " + granted.apiName() + " to '" + username + "'" + expiresAt.map(i -> " until " + i).orElse(""));
    }

    static Permission permission(String name) {
        return Permission.parse(name).orElseThrow(() -> new CommandFailure("Unknown permission '" + name + "': use one of "
                + Arrays.stream(Permission.values()).map(Permission::apiName).collect(Collectors.joining(", "))));
    }

    private static Instant instant(String value) {
        try {
            Instant instant = Instant.parse(value);
            if (!instant.isAfter(Instant.now())) {
                throw new CommandFailure("--until must be in the future, not " + instant);
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw new CommandFailure("--until must be an ISO-8601 instant such as 2030-01-31T00:00:00Z, not '" + value + "'");
        }
    }
}
