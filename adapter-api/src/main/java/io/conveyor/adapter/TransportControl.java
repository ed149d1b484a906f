package io.conveyor.adapter;

/**
 * Mandatory lifecycle of a send adapter (contract §1.3, §1.5, §2.4 {@code IBTTransportControl}). An adapter object
 * that does not implement it is refused at initialisation and never receives a message (L6).
 */
public interface TransportControl {

    /**
     * Called once per adapter instance, after {@link HandlerConfigurable#load} and before any message (L10).
     * Keep the proxy: it is dedicated to this instance. Do minimal work and do not block.
     *
     * @param proxy this adapter's transport proxy, never {@code null}
     * @throws Exception when the adapter cannot start; the engine marks it failed and leaves its messages queued
     */
    void initialize(TransportProxy proxy) throws Exception;

    /**
     * Called exactly once when the server stops or the application is undeployed (L12). Start no new work,
     * finish what is in flight, and return only when every message accepted with {@code false} has had its
     * disposition acknowledged through a {@link BatchCallback} (L13). The engine waits for the return up to its
     * shutdown deadline; after {@code terminate} is called the proxy refuses new publications but still accepts
     * dispositions of held messages and solicit-response responses (L14).
     */
    void terminate();
}
