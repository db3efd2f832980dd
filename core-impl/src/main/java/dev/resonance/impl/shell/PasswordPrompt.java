package dev.resonance.impl.shell;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.apache.karaf.shell.api.console.Session;

/** Reads a password from the operator without echoing it. Tests supply their own answers. */
@FunctionalInterface
interface PasswordPrompt {

    /** The line typed after {@code prompt}, or {@code null} when the input has ended. */
    String read(String prompt) throws IOException;

    /** The Karaf console: each typed character shows as {@code *}. */
    static PasswordPrompt console(Session session) {
        if (session == null) {
            return prompt -> {
                throw new CommandFailure("No console to ask for the password: pass it with -p");
            };
        }
        return prompt -> session.readLine(prompt, '*');
    }

    /**
     * The password given on the command line, else the one typed twice at the prompt. Only checks that the
     * two typed lines agree; the account service judges its strength.
     */
    static String obtain(Optional<String> given, PasswordPrompt prompt) {
        if (given.isPresent()) {
            return given.get();
        }
        try {
            String first = prompt.read("Password: ");
            if (first == null || first.isEmpty()) {
                throw new CommandFailure("No password given");
            }
            String second = prompt.read("Repeat the password: ");
            if (!first.equals(second)) {
                throw new CommandFailure("The two passwords differ: nothing changed");
            }
            return first;
        } catch (IOException e) {
            throw new CommandFailure("Could not read the password: " + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
        }
    }
}
