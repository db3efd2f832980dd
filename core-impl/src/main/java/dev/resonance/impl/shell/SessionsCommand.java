package dev.resonance.impl.shell;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code resonance:sessions [--limit N]}: the signed-in sessions, most recently seen first. */
@Command(scope = "resonance", name = "sessions", description = "Lists the live sign-in sessions, most recently seen first")
@Service
public class SessionsCommand extends OperatorCommand {

    static final int MAX_LIMIT = 10_000;

    @Option(name = "--limit", description = "At most this many sessions (default 50)")
    int limit = 50;

    public SessionsCommand() {
    }

    @Override
    void run(PrintStream out) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new CommandFailure("--limit must be between 1 and " + MAX_LIMIT);
        }
        ShellTable table = new ShellTable().emptyTableText("No live sessions");
        table.column("Username");
        table.column("Device");
        table.column("Type");
        table.column("Created");
        table.column("Last seen");
        table.column("Session id");
        for (String[] row : auth.liveSessions(limit)) {
            table.addRow().addContent((Object[]) row);
        }
        Tables.print(table, out);
    }
}
