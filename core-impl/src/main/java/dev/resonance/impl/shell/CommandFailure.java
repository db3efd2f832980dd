package dev.resonance.impl.shell;

/** A mistake in a command's input, found by the command itself; its message is the one line the operator sees. */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message, null, false, false);
    }
}
