package io.conveyor.engine.adapters;

/**
 * What a transport proxy asks of its adapter instance's lifecycle (send-adapter contract §1.5 in
 * {@code docs/send-adapter-contract.md}, L14, L15).
 */
public interface ProxyLifecycle {

    /** The adapter's transport type. */
    String transportType();

    /** Whether new publications are accepted (false once {@code terminate} was called). */
    boolean acceptsSubmissions();

    /** Whether the proxy refuses everything with {@code SHUTTING_DOWN} (after {@code terminate} returned). */
    boolean isClosed();

    /** Records an adapter error reported through {@code setErrorInfo}; returns the text recorded, cleaned of secrets. */
    String recordError(Throwable error);
}
