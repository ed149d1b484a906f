package io.conveyor.engine.proxy;

import io.conveyor.adapter.BatchCallback;
import io.conveyor.adapter.CommitConfirm;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessagingShuttingDownException;
import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.engine.adapters.ProxyLifecycle;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's proxy batch (send-adapter contract §2.10, §3.2 in {@code docs/send-adapter-contract.md}): collects
 * operations; {@link #done()} hands them to an engine thread, which applies them atomically through the
 * {@link ProxyBatchProcessor} and then calls the adapter's callback exactly once.
 */
final class EngineTransportBatch implements TransportBatch {

    private static final Logger LOG = Logger.getLogger(EngineTransportBatch.class.getName());

    private enum State { OPEN, DONE, CLEARED }

    private final ProxyServices services;
    private final ProxyLifecycle lifecycle;
    private final BatchCallback callback;
    private final Object cookie;
    private final List<ProxyOperation> operations = new ArrayList<>();
    private State state = State.OPEN;

    EngineTransportBatch(ProxyServices services, ProxyLifecycle lifecycle, BatchCallback callback, Object cookie) {
        this.services = services;
        this.lifecycle = lifecycle;
        this.callback = callback;
        this.cookie = cookie;
    }

    @Override
    public synchronized void deleteMessage(Message message) {
        add(new ProxyOperation(OperationType.DELETE, required(message, "message"), null, null));
    }

    @Override
    public synchronized void resubmit(Message message, Instant deliverAt) {
        add(new ProxyOperation(OperationType.RESUBMIT, required(message, "message"), null, required(deliverAt, "deliverAt")));
    }

    @Override
    public synchronized void moveToNextTransport(Message message) {
        add(new ProxyOperation(OperationType.MOVE_TO_NEXT_TRANSPORT, required(message, "message"), null, null));
    }

    @Override
    public synchronized void moveToSuspendQ(Message message) {
        add(new ProxyOperation(OperationType.MOVE_TO_SUSPEND_Q, required(message, "message"), null, null));
    }

    @Override
    public synchronized void submitResponseMessage(Message solicit, Message response) {
        add(new ProxyOperation(OperationType.SUBMIT, required(solicit, "solicit"), required(response, "response"), null));
    }

    @Override
    public synchronized void submitMessage(Message message) {
        add(new ProxyOperation(OperationType.SUBMIT, required(message, "message"), null, null));
    }

    @Override
    public void done() {
        List<ProxyOperation> batch = complete();
        try {
            services.queue.submit(new PendingBatch(lifecycle.transportType(), batch, lifecycle.acceptsSubmissions(),
                    outcome -> {
                        settle(outcome);
                        notifyLater(outcome);
                    }));
        } catch (RejectedExecutionException e) {
            throw new MessagingShuttingDownException("the engine is stopping and takes no more batches: " + e.getMessage());
        }
    }

    @Override
    public CommitConfirm done(Transaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        requireCurrent(transaction);
        List<ProxyOperation> batch = complete();
        BatchOutcome outcome;
        try {
            outcome = services.processor.processInTransaction(lifecycle.transportType(), batch, lifecycle.acceptsSubmissions());
        } catch (RuntimeException e) {
            outcome = BatchOutcome.notApplied(batch, "the MessageBox could not apply the batch: " + e.getMessage());
        }
        BatchOutcome result = outcome;
        if (result.status().isSuccess()) {
            settleAfterCommit(transaction, result);
        } else {
            rollBack(transaction);
        }
        notifyLater(result);
        return (tx, committed) -> LOG.fine(() -> "adapter " + lifecycle.transportType() + " confirms its transaction "
                + (committed ? "committed" : "rolled back"));
    }

    /** Releases the batch's leases and wakes adapters once the adapter's transaction has committed. */
    private void settleAfterCommit(Transaction transaction, BatchOutcome outcome) {
        try {
            transaction.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // the batch's work is already in the transaction
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        settle(outcome);
                    }
                }
            });
        } catch (SystemException | RollbackException e) {
            throw new IllegalStateException("cannot follow the adapter's transaction: " + e.getMessage(), e);
        }
    }

    /**
     * A batch the MessageBox did not apply must not commit with the adapter's work. The transaction may already be
     * marked for rollback by the failed MessageBox work; the outcome given to the adapter then names the real cause.
     */
    private static void rollBack(Transaction transaction) {
        try {
            transaction.setRollbackOnly();
        } catch (SystemException | IllegalStateException e) {
            LOG.log(Level.FINE, "the adapter's transaction is already ending; it cannot commit this batch", e);
        }
    }

    @Override
    public synchronized void clear() {
        operations.clear();
        if (state == State.OPEN) {
            state = State.CLEARED;
        }
    }

    @Override
    public void close() {
        clear();
    }

    private synchronized List<ProxyOperation> complete() {
        if (state != State.OPEN) {
            throw new IllegalStateException("this proxy batch was already " + (state == State.DONE ? "done" : "cleared"));
        }
        if (lifecycle.isClosed()) {
            throw new MessagingShuttingDownException("the " + lifecycle.transportType()
                    + " adapter was terminated: the engine takes no more batches from it");
        }
        state = State.DONE;
        List<ProxyOperation> batch = List.copyOf(operations);
        operations.clear();
        return batch;
    }

    private void add(ProxyOperation operation) {
        if (state != State.OPEN) {
            throw new IllegalStateException("this proxy batch was already " + (state == State.DONE ? "done" : "cleared"));
        }
        operations.add(operation);
    }

    private void settle(BatchOutcome outcome) {
        services.leases.release(outcome.settledWorkItems());
        outcome.adaptersToWake().forEach(services.signals::wake);
        services.signals.wake(lifecycle.transportType());
    }

    /** The adapter's callback on an engine thread of its own, so a slow callback holds up no other batch. */
    private void notifyLater(BatchOutcome outcome) {
        try {
            services.engineThreads.execute(() -> notifyAdapter(outcome));
        } catch (RejectedExecutionException e) {
            notifyAdapter(outcome);
        }
    }

    private void notifyAdapter(BatchOutcome outcome) {
        try {
            callback.batchComplete(outcome.status(), outcome.operations(), cookie);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the batch callback of adapter " + lifecycle.transportType() + " threw; ignored", e);
        }
    }

    private void requireCurrent(Transaction transaction) {
        try {
            if (!transaction.equals(services.transactionManager.getTransaction())) {
                throw new IllegalStateException("done(transaction) must be called on the thread where the transaction is active");
            }
        } catch (SystemException e) {
            throw new IllegalStateException("cannot read the current transaction: " + e.getMessage(), e);
        }
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
