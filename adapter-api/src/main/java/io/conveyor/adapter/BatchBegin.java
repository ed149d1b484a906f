package io.conveyor.adapter;

import jakarta.transaction.Transaction;

/**
 * The answer of {@link TransmitterBatch#beginBatch()} (contract §2.7: the {@code maxBatchSize} out-parameter and
 * the optional DTC transaction, here a JTA transaction).
 *
 * @param maxBatchSize the most messages the engine may add to this batch; at least 1
 * @param transaction  {@code null}, or the adapter's transaction for this batch: every message must then be
 *                     answered {@code false} and its outcome reported by a proxy batch done under this
 *                     transaction ({@link TransportBatch#done(Transaction)}), and {@code done} receives a
 *                     {@link CommitConfirm}
 */
public record BatchBegin(int maxBatchSize, Transaction transaction) {

    public BatchBegin {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
    }

    /** A non-transactional batch of at most {@code maxBatchSize} messages. */
    public static BatchBegin of(int maxBatchSize) {
        return new BatchBegin(maxBatchSize, null);
    }

    /** A batch under the adapter's transaction, whose outcomes are reported by proxy batches done under it. */
    public static BatchBegin transactional(int maxBatchSize, Transaction transaction) {
        if (transaction == null) {
            throw new IllegalArgumentException("transaction must not be null for a transactional batch");
        }
        return new BatchBegin(maxBatchSize, transaction);
    }

    public boolean isTransactional() {
        return transaction != null;
    }
}
