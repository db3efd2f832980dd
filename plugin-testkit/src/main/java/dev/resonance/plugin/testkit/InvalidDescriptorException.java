package dev.resonance.plugin.testkit;

import java.util.List;

/** A plugin descriptor the core would refuse, with every reason at once. */
public final class InvalidDescriptorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    InvalidDescriptorException(String source, List<String> problems) {
        super(source + " would be refused by the core:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** What is wrong, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
