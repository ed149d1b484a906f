package io.conveyor.engine.ports;

/**
 * A {@link CredentialStoreReference} that cannot be resolved: the store is missing or down, or has no such entry. The
 * message names the store and the alias; at delivery it fails the delivery like an adapter error (the failure ladder).
 */
public class UnresolvedSecretException extends RuntimeException {

    public UnresolvedSecretException(String message) {
        super(message);
    }
}
