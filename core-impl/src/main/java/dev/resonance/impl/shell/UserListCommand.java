package dev.resonance.impl.shell;

import dev.resonance.impl.auth.AuthViews;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code resonance:user-list}: every user with their effective permissions. */
@Command(scope = "resonance", name = "user-list", description = "Lists the Resonance users and their permissions")
@Service
public class UserListCommand extends OperatorCommand {

    private static final int PAGE = 200;

    public UserListCommand() {
    }

    @Override
    void run(PrintStream out) {
        ShellTable table = new ShellTable().emptyTableText("No users yet");
        table.column("ID").alignRight();
        table.column("Username");
        table.column("Role");
        table.column("Disabled");
        table.column("Permissions");
        long after = 0;
        while (true) {
            AuthViews.UserPage page = auth.users(after, dev.resonance.impl.input.PageLimit.of(PAGE));
            for (AuthViews.User user : page.users()) {
                table.addRow().addContent(user.id(), user.username(), user.role(), user.disabled() ? "yes" : "no",
                        permissions(user));
            }
            if (page.nextAfter().isEmpty()) {
                break;
            }
            after = page.nextAfter().get();
        }
        Tables.print(table, out);
    }

    /** Effective permissions; a grant that expires says until when. */
    static String permissions(AuthViews.User user) {
        Map<String, String> expiring = user.overrides().stream()
                .filter(o -> o.effect().equals("grant") && o.expiresAt().isPresent())
                .collect(Collectors.toMap(AuthViews.Override::permission, o -> o.expiresAt().get().toString(), (a, b) -> a));
        return user.permissions().stream()
                .map(p -> Optional.ofNullable(expiring.get(p)).map(until -> p + " (until " + until + ")").orElse(p))
                .collect(Collectors.joining(", "));
    }
}
