package dev.resonance.impl.shell;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.auth.AuthService;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@code resonance:*} command shares: the account service and one way to fail. A mistake the
 * operator can fix (unknown user, weak password, ...) prints one line on stderr and the command returns
 * normally, without a stack trace; anything else prints one line too and is logged with its stack trace.
 * Karaf instantiates the subclasses and injects the {@link Reference} fields; tests set the fields directly.
 */
abstract class OperatorCommand implements Action {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorCommand.class);

    @Reference
    AuthService auth;

    /** Where output goes; {@code null} means {@link System#out}/{@link System#err} when the command runs (Karaf routes those to the session). */
    PrintStream out;
    PrintStream err;

    @Override
    public final Object execute() {
        PrintStream stdout = out != null ? out : System.out;
        PrintStream stderr = err != null ? err : System.err;
        String name = name();
        // Karaf names the thread after the whole command line ("pipe-resonance:user-add -p <password> alice") and
        // every log line carries the thread name: while we run, the thread is named after the command only.
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName(name);
        try {
            run(stdout);
        } catch (ResonanceException | CommandFailure e) {
            stderr.println("Error: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} failed", name, e);
            stderr.println("Error: " + name + " failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); the details are in the log");
        } finally {
            thread.setName(threadName);
        }
        return null;
    }

    /** Does the work; throws {@link ResonanceException} or {@link CommandFailure} for what the operator can fix. */
    abstract void run(PrintStream out);

    final long userIdOf(String username) {
        return auth.userId(username).orElseThrow(() -> new CommandFailure("No user named '" + username + "'"));
    }

    private String name() {
        Command command = getClass().getAnnotation(Command.class);
        return command == null ? getClass().getSimpleName() : command.scope() + ":" + command.name();
    }
}
