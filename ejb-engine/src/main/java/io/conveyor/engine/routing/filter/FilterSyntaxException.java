package io.conveyor.engine.routing.filter;

/**
 * Thrown by {@link Filter#parse(String)} when the text is not a valid filter.
 *
 * <p>The message says what was expected, where, and what was found instead, for example
 * {@code filter: expected a comparison operator, IN or NOT IN after 'Amount' at position 7, found 'ACME'}.
 */
public final class FilterSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;

    private FilterSyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    /**
     * Creates the exception for a problem at {@code position}.
     *
     * @param expectation what the filter language requires there, e.g. {@code "a literal"}
     * @param context the text the expectation follows, e.g. {@code "'='"}, or null when there is none
     * @param position the 0-based character offset of the problem
     * @param found what is there instead, e.g. {@code "'Region'"} or {@code "end of filter"}
     */
    static FilterSyntaxException expected(String expectation, String context, int position, String found) {
        String after = context == null ? "" : " after " + context;
        return new FilterSyntaxException(
                "filter: expected " + expectation + after + " at position " + position + ", found " + found,
                position);
    }

    /**
     * Returns where the problem is.
     *
     * @return the 0-based character offset in the filter text
     */
    public int position() {
        return position;
    }
}
