package io.conveyor.engine.api;

import jakarta.ejb.ApplicationException;

/** The named thing (a send port, a message) does not exist. The REST API answers it with 404. */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
