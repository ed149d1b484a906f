package io.conveyor.engine.dispatch;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.BatchBegin;
import io.conveyor.adapter.CommitConfirm;
import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.StatusCode;
import io.conveyor.adapter.TransmitterBatch;
import io.conveyor.engine.adapters.AdapterInstance;
import io.conveyor.engine.adapters.AdapterState;
import io.conveyor.engine.adapters.TransmitMode;
import io.conveyor.engine.failure.FailureLog;
import io.conveyor.engine.failure.FailurePolicy;
import io.conveyor.engine.messagebox.Delivery;
import io.conveyor.engine.messagebox.Disposition;
import io.conveyor.engine.messagebox.DispositionResult;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.SubscriptionTable;
import io.conveyor.engine.ports.UnresolvedSecretException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine thread that serves one adapter: claims its due work in batches, stamps each message, pushes it through
 * the single-message or the batch path, and applies the engine's share of the outcomes (deletes for {@code true},
 * the default failure policy for exceptions) in one transaction per batch. A blocking adapter blocks only its own
 * loop (checklist item S8 of the send-adapter contract, {@code docs/send-adapter-contract.md}; principle 2 in
 * {@code docs/principles.md}).
 */
final class DispatchLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(DispatchLoop.class.getName());

    private final String transportType;
    private final DispatchServices services;
    private volatile boolean running = true;

    DispatchLoop(String transportType, DispatchServices services) {
        this.transportType = transportType;
        this.services = services;
    }

    void stop() {
        running = false;
        services.signals.wake(transportType);
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (!cycle()) {
                    services.signals.await(transportType, services.settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "dispatching to adapter " + transportType + " failed; trying again", e);
                pause();
            }
        }
    }

    /** One round: what was handed off in memory first, else a claim in the MessageBox; returns whether it delivered. */
    private boolean cycle() {
        Instant now = services.clock.instant();
        AdapterInstance created = services.host.instanceFor(transportType);
        List<Delivery> handedOff = services.handOff.take(transportType, claimSize(created));
        if (!handedOff.isEmpty()) {
            if (created == null || created.state() != AdapterState.RUNNING) {
                putBack(handedOff, now);
            } else {
                deliver(created, handedOff, now);
            }
            return true;
        }
        if (services.leases.inFlight(transportType) >= services.settings.maxInFlightPerAdapter()) {
            return false;
        }
        AdapterInstance adapter = runningAdapter(now);
        if (adapter == null) {
            return false;
        }
        int size = claimSize(adapter);
        long claiming = System.nanoTime();
        List<Delivery> claimed = services.claims.claim(transportType, size, services.server.id(), now,
                now.plus(services.settings.leaseDuration()));
        services.metrics.claimed(transportType, System.nanoTime() - claiming);
        services.handOff.backlog(transportType, claimed.size() == size);
        if (claimed.isEmpty()) {
            return false;
        }
        services.leases.hold(transportType, claimed.stream().map(d -> d.workItem().id()).toList());
        deliver(adapter, claimed, now);
        return true;
    }

    /**
     * How many deliveries to take at once: a batch-aware adapter gets several engine batches from one claim, so a
     * claim commits once per claim size.
     */
    private int claimSize(AdapterInstance adapter) {
        return adapter != null && adapter.mode() == TransmitMode.BATCH
                ? Math.max(adapter.batchSizeHint(), services.settings.claimSize()) : services.settings.claimSize();
    }

    /** Stamps and delivers claimed or handed-off deliveries; on an unexpected failure they go back to the queue. */
    private void deliver(AdapterInstance adapter, List<Delivery> deliveries, Instant now) {
        try {
            deliver(adapter, readyForDelivery(deliveries, adapter.handler().metadata(), now));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "delivering " + deliveries.size() + " message(s) to adapter " + transportType
                    + " failed unexpectedly; those without an outcome are queued again", e);
            putBack(deliveries, now.plus(services.settings.adapterRetryDelay()));
        }
    }

    /** Claimed deliveries that got no outcome go back to the queue, due at {@code dueAt}, no attempt consumed. */
    private void putBack(List<Delivery> deliveries, Instant dueAt) {
        try {
            services.claims.release(deliveries, dueAt, false);
        } finally {
            services.leases.release(deliveries.stream().map(d -> d.workItem().id()).toList());
        }
    }

    /** The adapter, created now if work is due for it (lazy creation, L1, L2); {@code null} when it cannot take work. */
    private AdapterInstance runningAdapter(Instant now) {
        AdapterInstance adapter = services.host.instanceFor(transportType);
        if (adapter == null || adapter.state() == AdapterState.RUNNING) {
            return adapter;
        }
        if (adapter.state() == AdapterState.TERMINATING || adapter.state() == AdapterState.TERMINATED
                || !services.claims.hasDueWork(transportType, now)) {
            return null;
        }
        AdapterInstance created = services.host.obtain(transportType);
        return created.state() == AdapterState.RUNNING ? created : null;
    }

    /** Pushes the deliveries; a message of an ordered port always travels alone in its engine batch (O1). */
    private void deliver(AdapterInstance adapter, List<Delivery> ready) {
        if (adapter.mode() == TransmitMode.SINGLE_MESSAGE) {
            deliverSingly(adapter, ready);
            return;
        }
        List<Delivery> unordered = ready.stream().filter(d -> !d.workItem().ordered()).toList();
        // fixed before the first batch: beginBatch may lower the hint, and deliverInBatch gives back what exceeds it
        int batchSize = Math.max(1, adapter.batchSizeHint());
        List<List<Delivery>> batches = new ArrayList<>();
        for (int from = 0; from < unordered.size(); from += batchSize) {
            batches.add(unordered.subList(from, Math.min(unordered.size(), from + batchSize)));
        }
        ready.stream().filter(d -> d.workItem().ordered()).forEach(d -> batches.add(List.of(d)));
        for (int next = 0; next < batches.size(); next++) {
            if (!running) {
                handBack(batches.subList(next, batches.size()).stream().flatMap(List::stream).toList());
                return;
            }
            deliverInBatch(adapter, batches.get(next));
        }
    }

    /**
     * The loop is stopping (the server stops): claimed deliveries not yet given to the adapter go back to the queue at
     * once, no attempt consumed, for any server to take, instead of waiting for their leases to run out. Deliveries
     * already given to it keep their leases (extended while the adapter drains).
     */
    private void handBack(List<Delivery> unstarted) {
        if (unstarted.isEmpty()) {
            return;
        }
        try {
            putBack(unstarted, services.clock.instant());
            LOG.info(() -> unstarted.size() + " deliveries claimed for adapter " + transportType
                    + " and not yet given to it are queued again: this server is stopping");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, unstarted.size() + " deliveries claimed for adapter " + transportType + " and not yet "
                    + "given to it could not be queued again; they are delivered again when their leases run out", e);
        }
    }

    /**
     * Of the claimed deliveries, the ones to deliver now, stamped ({@link DeliveryStamper}). The others are set aside
     * durably: a delivery whose port or transport is gone is suspended with the reason, one whose credential store
     * entry cannot be read fails as if its adapter had thrown (the failure ladder), one whose port now uses
     * another adapter is handed to that adapter, one outside its service window is held until the window opens.
     */
    private List<Delivery> readyForDelivery(List<Delivery> claimed, AdapterMetadata metadata, Instant now) {
        SubscriptionTable.Snapshot ports = services.subscriptions.current();
        List<Delivery> ready = new ArrayList<>(claimed.size());
        List<Disposition> orphans = new ArrayList<>();
        for (Delivery delivery : claimed) {
            WorkItem item = delivery.workItem();
            SendPort port = ports.port(item.portId()).orElse(null);
            String problem = port == null ? "send port " + item.portName() + " no longer exists" : DeliveryStamper.problem(item, port);
            if (problem != null) {
                orphans.add(suspension(delivery, new IllegalStateException(problem)));
                continue;
            }
            String currentAdapter = DeliveryStamper.adapterOf(item, port);
            Instant windowOpens = DeliveryStamper.windowOpens(item, port, now);
            if (!currentAdapter.equalsIgnoreCase(item.adapterType())) {
                services.claims.reassign(delivery, currentAdapter, now);
                services.leases.release(List.of(item.id()));
                services.signals.wake(currentAdapter);
            } else if (windowOpens.isAfter(now)) {
                holdUntil(delivery, windowOpens);
            } else {
                try {
                    DeliveryStamper.stamp(delivery, port, metadata, services.credentialStores::resolve);
                    ready.add(delivery);
                } catch (UnresolvedSecretException e) {
                    orphans.add(failed(delivery, e));
                } catch (RuntimeException e) {
                    orphans.add(suspension(delivery, e));
                }
            }
        }
        if (!orphans.isEmpty()) {
            apply(orphans, now);
        }
        return ready;
    }

    private void deliverSingly(AdapterInstance adapter, List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        List<Disposition> outcomes = new ArrayList<>();
        int next = 0;
        for (; next < deliveries.size() && running; next++) {
            Delivery delivery = deliveries.get(next);
            try {
                if (adapter.transmitter().transmitMessage(delivery.message())) {
                    outcomes.add(delete(delivery));
                }
            } catch (Exception e) {
                outcomes.add(failed(delivery, e));
            }
        }
        apply(outcomes, services.clock.instant());
        if (next < deliveries.size()) {
            handBack(deliveries.subList(next, deliveries.size()));
        }
    }

    private void deliverInBatch(AdapterInstance adapter, List<Delivery> deliveries) {
        List<Delivery> pushed = deliveries;
        try {
            TransmitterBatch batch = adapter.batchTransmitter().getBatch();
            BatchBegin begin = batch.beginBatch();
            adapter.rememberBatchSize(begin.maxBatchSize());
            if (deliveries.size() > begin.maxBatchSize()) {
                pushed = deliveries.subList(0, begin.maxBatchSize());
                putBack(deliveries.subList(begin.maxBatchSize(), deliveries.size()), services.clock.instant());
            }
            List<Delivery> sentSynchronously = new ArrayList<>();
            Exception failure = push(batch, begin, pushed, sentSynchronously);
            if (failure != null) {
                batch.clear();
                failAll(pushed, failure);
                return;
            }
            batch.done(begin.isTransactional() ? confirmation() : null);
            apply(sentSynchronously.stream().map(DispatchLoop::delete).toList(), services.clock.instant());
        } catch (Exception e) {
            failAll(pushed, e);
        }
    }

    /** Pushes every message (B6: even after a failure); returns the first failure, if any. */
    private static Exception push(TransmitterBatch batch, BatchBegin begin, List<Delivery> deliveries,
                                  List<Delivery> sentSynchronously) {
        Exception failure = null;
        for (Delivery delivery : deliveries) {
            try {
                boolean sent = batch.transmitMessage(delivery.message());
                if (sent && begin.isTransactional()) {
                    throw new IllegalStateException("a transactional engine batch answered true: a transactional adapter "
                            + "must report its outcomes through a proxy batch in its transaction (contract §3.4, T4)");
                }
                if (sent) {
                    sentSynchronously.add(delivery);
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        return failure;
    }

    private CommitConfirm confirmation() {
        return (transaction, committed) -> LOG.fine(() -> "adapter " + transportType + " reports its batch transaction "
                + (committed ? "committed" : "rolled back"));
    }

    private void failAll(List<Delivery> deliveries, Exception failure) {
        apply(deliveries.stream().map(delivery -> failed(delivery, failure)).toList(), services.clock.instant());
    }

    private Disposition failed(Delivery delivery, Throwable error) {
        SendPort port = services.subscriptions.current().port(delivery.workItem().portId()).orElse(null);
        return FailurePolicy.onTransmitFailure(delivery.workItem(), delivery.message(), port, error, transportType,
                services.clock.instant());
    }

    private static Disposition delete(Delivery delivery) {
        EngineMessage.Lease lease = delivery.message().lease();
        return Disposition.delete(lease, delivery.message().messageId());
    }

    /** A delivery the engine cannot make (its port is gone or broken): suspended, resumable, with why. */
    private Disposition suspension(Delivery delivery, Exception problem) {
        EngineMessage message = delivery.message();
        message.setErrorInfo(problem);
        return Disposition.suspend(message.lease(), message.messageId(),
                FailurePolicy.failureInfo(message, transportType), false, null);
    }

    /** Outside its service window: back to the queue until the window opens, without the adapter (A9). */
    private void holdUntil(Delivery delivery, Instant opens) {
        try {
            services.claims.release(List.of(delivery), opens, true);
        } finally {
            services.leases.release(List.of(delivery.workItem().id()));
        }
    }

    /**
     * Applies the engine's outcomes in one transaction. If the MessageBox fails, the deliveries are let go: their
     * leases run out and they are delivered again (at least once), never lost.
     */
    private void apply(List<Disposition> dispositions, Instant now) {
        if (dispositions.isEmpty()) {
            return;
        }
        List<String> ids = dispositions.stream().map(Disposition::workItemId).toList();
        try {
            List<Disposition> unreadableProperties = new ArrayList<>();
            List<DispositionResult> results = services.dispositions.applyEach(dispositions, services.server.id(), now);
            FailureLog.record(results);
            for (DispositionResult result : results) {
                Disposition disposition = result.disposition();
                if (result.status().isSuccess() && disposition.type() == OperationType.MOVE_TO_NEXT_TRANSPORT) {
                    services.signals.wake(disposition.backup().adapterType());
                }
                if (result.status() == StatusCode.INVALID_ARGUMENT && disposition.propertiesToUpdate() != null) {
                    LOG.warning(() -> "ignoring the PropertiesToUpdate of message " + disposition.messageId() + ": "
                            + result.detail());
                    unreadableProperties.add(disposition.withoutPropertiesToUpdate());
                }
            }
            if (!unreadableProperties.isEmpty()) {
                FailureLog.record(services.dispositions.applyEach(unreadableProperties, services.server.id(), now));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not record the outcome of " + dispositions.size() + " deliveries to "
                    + transportType + "; they will be delivered again when their leases expire", e);
        } finally {
            services.leases.release(ids);
        }
    }

    private void pause() {
        try {
            services.signals.await(transportType, services.settings.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
