package io.conveyor.adapter;

import jakarta.transaction.Transaction;

/**
 * How a transactional adapter tells the engine the outcome of its transaction (contract §2.8
 * {@code IBTDTCCommitConfirm}). Handed to the adapter by {@link TransmitterBatch#done} and
 * {@link TransportBatch#done(Transaction)}; the adapter calls {@link #confirm} exactly once, after it has
 * committed or rolled back. The engine does not wait for it: it follows the transaction itself (its MessageBox work
 * commits or rolls back with the transaction, and the deliveries count as settled once it commits) and only logs
 * the confirmation (T1, T2).
 */
@FunctionalInterface
public interface CommitConfirm {

    /**
     * @param transaction the transaction the adapter created
     * @param committed   {@code true} if it committed, {@code false} if it rolled back
     */
    void confirm(Transaction transaction, boolean committed);
}
