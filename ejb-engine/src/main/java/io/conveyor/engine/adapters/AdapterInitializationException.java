package io.conveyor.engine.adapters;

/** An adapter could not be created or initialised (contract §1.3, L6, L9); its messages stay queued. */
public class AdapterInitializationException extends Exception {

    private static final long serialVersionUID = 1L;

    public AdapterInitializationException(String message) {
        super(message);
    }
}
