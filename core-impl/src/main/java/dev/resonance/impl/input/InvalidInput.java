package dev.resonance.impl.input;

/**
 * A value a client sent breaks an {@link InputRules} rule. Plain (no HTTP inside): the REST mapper answers it with 400
 * {@code invalid_field} (or {@code invalid_parameter} for a query parameter), the sync socket with an error frame.
 */
public final class InvalidInput extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public InvalidInput(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** What is wrong, without the field's name ({@code must have at most 100 characters}). */
    public String problem() {
        return problem;
    }

    /** The field (or parameter) at fault, as the client named it ({@code capabilities.speaker}, {@code queue[3]}). */
    public String field() {
        return field;
    }
}
