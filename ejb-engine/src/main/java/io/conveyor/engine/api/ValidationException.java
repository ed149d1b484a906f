package io.conveyor.engine.api;

import jakarta.ejb.ApplicationException;

/**
 * Input refused at the door (principle 8 in {@code docs/principles.md}): names the field at fault, as a path such as
 * {@code primaryTransport.retryCount}. Thrown by the service API; the transaction rolls back, so nothing
 * half-written stays behind. The REST API answers it with 400 and the field.
 */
@ApplicationException(rollback = true)
public class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ValidationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The path of the field at fault, e.g. {@code primaryTransport.address}. */
    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
