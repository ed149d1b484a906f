package io.conveyor.adapter;

/**
 * A send port transport's address or endpoint property is not acceptable to the adapter
 * ({@link SendHandler#validateEndpoint}). The engine reports it to the administrator with the field name.
 */
public class InvalidEndpointException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   {@code address}, or the name of the endpoint property at fault
     * @param message what is wrong, for a person
     */
    public InvalidEndpointException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** {@code address}, or the name of the endpoint property at fault. */
    public String field() {
        return field;
    }
}
