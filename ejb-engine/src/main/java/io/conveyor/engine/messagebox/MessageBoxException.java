package io.conveyor.engine.messagebox;

/** The MessageBox could not do what was asked (the database failed); the surrounding transaction rolls back. */
public class MessageBoxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MessageBoxException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
