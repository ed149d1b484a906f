package io.conveyor.it.probe;

import io.conveyor.adapter.BatchBegin;
import io.conveyor.adapter.BatchTransmitter;
import io.conveyor.adapter.CommitConfirm;
import io.conveyor.adapter.HandlerConfigurable;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessagingShuttingDownException;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.StatusCode;
import io.conveyor.adapter.TransmitterBatch;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.adapter.TransportControl;
import io.conveyor.adapter.TransportProxy;
import io.conveyor.adapter.Transmitter;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.NotSupportedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The probe adapters: each nested class implements one combination of SPI interfaces ({@link ProbeVariant}) with the
 * same scripted, recorded behaviour, so the conformance tests exercise the engine rather than a real transport.
 */
public abstract class ProbeAdapter {

    protected final ProbeState state;

    ProbeAdapter(ProbeState state) {
        this.state = state;
        state.created();
    }

    static Object create(ProbeVariant variant, ProbeState state, WorkManager workManager) {
        return switch (variant) {
            case TRANSACTIONAL -> new TransactionalProbe(workManager, state);
            case SINGLE -> new Single(state);
            case BATCH -> new Batch(state);
            case BOTH -> new Both(state);
            case NO_LOAD -> new NoLoad(state);
            case NO_CONTROL -> new NoControl(state);
            case NEITHER -> new Neither(state);
        };
    }

    public void load(PropertyBag handlerConfiguration) {
        state.record("load", null, 0);
        state.loaded(handlerConfiguration);
    }

    public void initialize(TransportProxy proxy) {
        state.record("initialize", null, 0);
        state.initialized(proxy);
    }

    /**
     * Behaves as the reference adapter (send-adapter contract §1.5 in {@code docs/send-adapter-contract.md}): before
     * returning, it reports the outcome of every message it holds (deletes them) and waits for the engine to confirm.
     * It also tries to publish a new message, which the engine must refuse while terminating (L14). What happens is
     * appended to {@link ProbeRecords}, which outlives the deployment. A probe configured stuck never returns by itself
     * (L17).
     */
    public void terminate() {
        state.record("terminate", null, 0);
        ProbeRecords.append(state.transportType(), "terminate called");
        if (!state.held().isEmpty()) {
            ProbeRecords.append(state.transportType(), "submission during terminate: " + submitNewMessage());
            ProbeRecords.append(state.transportType(), "drained " + state.held().size() + ": " + deleteHeld());
        }
        if (state.stuckOnTerminate()) {
            ProbeRecords.append(state.transportType(), "blocking in terminate");
            awaitForever();
        }
        ProbeRecords.append(state.transportType(), "terminate returned");
    }

    private String submitNewMessage() {
        Message message = state.proxy().messageFactory().createMessage();
        message.addPart("body", state.proxy().messageFactory().createMessagePart(new byte[] {1}, null, null), true);
        return complete(batch -> batch.submitMessage(message));
    }

    private String deleteHeld() {
        return complete(batch -> state.held().values().forEach(batch::deleteMessage));
    }

    /** Fills a proxy batch, completes it, and waits for the callback; returns the status it reported. */
    private String complete(java.util.function.Consumer<TransportBatch> operations) {
        CompletableFuture<StatusCode> outcome = new CompletableFuture<>();
        try {
            TransportBatch batch = state.proxy().getBatch((status, statuses, cookie) -> outcome.complete(status), null);
            operations.accept(batch);
            batch.done();
            return outcome.get(30, TimeUnit.SECONDS).name();
        } catch (MessagingShuttingDownException e) {
            return "refused: " + e.getMessage();
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    private static void awaitForever() {
        try {
            new CountDownLatch(1).await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean transmitMessage(Message message) throws Exception {
        return state.transmit(message, 0);
    }

    public TransmitterBatch getBatch() {
        state.record("getBatch", null, 0);
        return new EngineBatch(state, state.nextBatch());
    }

    private static TransactionManager transactionManager() {
        try {
            return (TransactionManager) new InitialContext().lookup("java:/TransactionManager");
        } catch (NamingException e) {
            throw new IllegalStateException("probe: no transaction manager", e);
        }
    }

    /** A probe engine batch, recording the engine's calls in order. */
    private static final class EngineBatch implements TransmitterBatch {
        private final ProbeState state;
        private final int number;

        EngineBatch(ProbeState state, int number) {
            this.state = state;
            this.number = number;
        }

        private Transaction transaction;

        @Override
        public BatchBegin beginBatch() {
            state.record("beginBatch", null, number);
            if (!state.transactional()) {
                return BatchBegin.of(state.maxBatchSize());
            }
            try {
                TransactionManager manager = transactionManager();
                manager.begin();
                transaction = manager.suspend();
                return BatchBegin.transactional(state.maxBatchSize(), transaction);
            } catch (NotSupportedException | SystemException e) {
                throw new IllegalStateException("probe: cannot open a transaction", e);
            }
        }

        @Override
        public boolean transmitMessage(Message message) throws Exception {
            return state.transmit(message, number);
        }

        @Override
        public void done(CommitConfirm commitConfirm) throws Exception {
            state.record(commitConfirm == null ? "done" : "done(confirm)", null, number);
            if (transaction != null) {
                transaction.rollback();
                commitConfirm.confirm(transaction, false);
            }
            if (state.doneThrows()) {
                throw new IllegalStateException("probe: done fails for batch " + number);
            }
        }

        @Override
        public void clear() {
            state.record("clear", null, number);
        }
    }

    static final class Single extends ProbeAdapter implements HandlerConfigurable, TransportControl, Transmitter {
        Single(ProbeState state) {
            super(state);
        }
    }

    static final class Batch extends ProbeAdapter implements HandlerConfigurable, TransportControl, BatchTransmitter {
        Batch(ProbeState state) {
            super(state);
        }
    }

    static final class Both extends ProbeAdapter implements TransportControl, Transmitter, BatchTransmitter {
        Both(ProbeState state) {
            super(state);
        }
    }

    static final class NoLoad extends ProbeAdapter implements TransportControl, Transmitter {
        NoLoad(ProbeState state) {
            super(state);
        }
    }

    static final class NoControl extends ProbeAdapter implements HandlerConfigurable, Transmitter {
        NoControl(ProbeState state) {
            super(state);
        }
    }

    static final class Neither extends ProbeAdapter implements HandlerConfigurable, TransportControl {
        Neither(ProbeState state) {
            super(state);
        }
    }
}
