package io.conveyor.adapter;

/**
 * An engine batch (contract §2.7 {@code IBTTransmitterBatch}): created by the adapter, filled by the engine.
 *
 * <p>The engine calls, in this order: {@link #beginBatch()} once, {@link #transmitMessage} 1 to
 * {@code maxBatchSize} times (never zero: B3), then {@link #done} when every {@code transmitMessage} returned,
 * or {@link #clear()} when any of them threw (B6). Messages of one batch may belong to different send ports of
 * the adapter: route each by its own context (B10).
 *
 * <p>Engine behaviour around it: after {@code done} returns, the engine deletes the messages for which
 * {@code transmitMessage} returned {@code true} (B8, B9); messages answered with {@code false} wait for the
 * adapter's disposition. If a {@code transmitMessage} threw, the engine still pushes the remaining messages it
 * had for the batch, calls {@code clear} and applies the default failure policy to every message of the batch;
 * if {@code done} throws, likewise (B7).
 */
public interface TransmitterBatch {

    /**
     * Opens the batch: says how many messages it accepts and, for a transactional adapter, its transaction (§3.4).
     * The engine does no MessageBox work of its own in that transaction: every message of a transactional batch
     * must be answered {@code false} and reported through a {@link TransportBatch} done under the transaction.
     */
    BatchBegin beginBatch();

    /**
     * Adds a message to the batch. Transmission starts at {@link #done}.
     *
     * @return {@code true} if the adapter will send it synchronously within {@code done} (the engine deletes it
     *         after {@code done} returns; copy what you need, the message object is not valid afterwards);
     *         {@code false} if the adapter will report its outcome through a {@link TransportBatch}
     * @throws Exception the message cannot be accepted: the whole batch fails (see the class description)
     */
    boolean transmitMessage(Message message) throws Exception;

    /**
     * The batch is complete: transmit its messages.
     *
     * @param commitConfirm {@code null} unless {@link #beginBatch()} returned a transaction; then the adapter
     *                      must call it once the transaction has committed or rolled back (B4, B5, T1)
     * @throws Exception the batch failed: every message of it gets the default failure policy
     */
    void done(CommitConfirm commitConfirm) throws Exception;

    /** Discards the batch; called instead of {@link #done} when a {@link #transmitMessage} threw. */
    void clear();
}
