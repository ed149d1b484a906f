package io.conveyor.engine.api;

import jakarta.ejb.ApplicationException;

/** The request conflicts with the current state (a name in use, a port with queued work). REST answers 409. */
@ApplicationException(rollback = true)
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
