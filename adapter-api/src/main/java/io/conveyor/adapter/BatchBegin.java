package io.conveyor.adapter;

import jakarta.transaction.Transaction;

/**
 * The answer of {@link TransmitterBatch#beginBatch()} (contract §2.7: the {@code maxBatchSize} out-parameter and
 * the optional DTC transaction, here a JTA transaction).
 *
 * @param maxBatchSize the most messages the engine may add to this batch; at least 1
 * @param transaction  {@code null}, or the transaction (created by the adapter) under which the engine does its
 *                     MessageBox work for this batch; then {@code done} receives a {@link CommitConfirm}
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

    /** A batch whose engine-side work runs in the adapter's transaction. */
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
