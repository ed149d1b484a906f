package io.conveyor.adapter;

/**
 * The engine's side of one adapter instance (contract §2.9 {@code IBTTransportProxy}); each adapter receives its
 * own in {@link TransportControl#initialize} (L10).
 */
public interface TransportProxy {

    /**
     * Opens a proxy batch through which the adapter reports outcomes and submits messages.
     *
     * @param callback receives {@link BatchCallback#batchComplete} once the batch was processed; required
     *                 (contract Appendix A.2: without a callback an adapter cannot learn that its batch failed)
     * @param cookie   any object, echoed back to the callback; may be {@code null}
     * @throws MessagingShuttingDownException when the engine is stopping and no longer takes batches (L15)
     */
    TransportBatch getBatch(BatchCallback callback, Object cookie);

    /** The factory for messages the adapter creates, such as solicit-response responses (§2.13). */
    MessageFactory messageFactory();

    /**
     * Reports an adapter error that concerns no particular message (initialisation, bookkeeping). The engine
     * logs it and shows it with the adapter's status (§4.5, F6). No message is affected.
     */
    void setErrorInfo(Throwable error);
}
