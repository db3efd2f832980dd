package dev.resonance.impl.shell;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.karaf.shell.support.table.ShellTable;

/** Prints a Karaf table. */
final class Tables {

    private Tables() {
    }

    static void print(ShellTable table, PrintStream out) {
        if (out == System.out) {
            table.print(out); // the session's console: Karaf finds the terminal's encoding itself
        } else {
            // A stream of our own (tests): its encoding is known, and Karaf's terminal lookup needs the Gogo runtime
            table.print(out, StandardCharsets.UTF_8, true);
        }
    }
}
