package io.conveyor.engine.adapters;

/**
 * An adapter could not be created or initialised (send-adapter contract §1.3 in {@code docs/send-adapter-contract.md},
 * L6, L9); its messages stay queued.
 */
public class AdapterInitializationException extends Exception {

    private static final long serialVersionUID = 1L;

    public AdapterInitializationException(String message) {
        super(message);
    }
}
