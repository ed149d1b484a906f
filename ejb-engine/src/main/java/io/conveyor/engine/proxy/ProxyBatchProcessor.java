package io.conveyor.engine.proxy;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageStatus;
import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.StatusCode;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.failure.FailureLog;
import io.conveyor.engine.failure.FailurePolicy;
import io.conveyor.engine.messagebox.Disposition;
import io.conveyor.engine.messagebox.DispositionResult;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.DispositionStore;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.engine.routing.PublishService;
import io.conveyor.engine.ports.SubscriptionTable;
import io.conveyor.engine.runtime.AfterCommit;
import io.conveyor.engine.runtime.EngineClock;
import io.conveyor.engine.runtime.EngineMetrics;
import io.conveyor.engine.runtime.ServerIdentity;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a proxy batch to the MessageBox as one unit (send-adapter contract §3.2 in
 * {@code docs/send-adapter-contract.md}): the dispositions of held messages first, then the publications (submitted
 * messages and solicit-response responses). If any operation fails, the transaction rolls back and nothing of the batch
 * remains; the outcome tells the culprits (failure status) from the innocent (success status), so the adapter can issue
 * the innocent ones again.
 */
@ApplicationScoped
@Transactional
public class ProxyBatchProcessor {

    @Inject
    DispositionStore dispositions;
    @Inject
    PublishService publisher;
    @Inject
    SubscriptionTable subscriptions;
    @Inject
    EngineClock clock;
    @Inject
    ServerIdentity server;
    @Inject
    EngineMetrics metrics;
    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transaction;

    /** Processes a batch in a transaction of its own. */
    public BatchOutcome process(String adapterType, List<ProxyOperation> operations, boolean acceptSubmissions) {
        return run(adapterType, operations, acceptSubmissions);
    }

    /**
     * Processes several batches in one transaction (group commit, see {@link ProxyBatchQueue}): their outcomes, in order, once all of
     * them succeeded; empty, with the transaction rolled back, as soon as one fails.
     */
    public Optional<List<BatchOutcome>> processTogether(List<PendingBatch> batches) {
        List<BatchOutcome> outcomes = new ArrayList<>(batches.size());
        for (PendingBatch batch : batches) {
            BatchOutcome outcome = run(batch.adapterType(), batch.operations(), batch.acceptSubmissions());
            if (!outcome.status().isSuccess()) {
                transaction.setRollbackOnly();
                return Optional.empty();
            }
            outcomes.add(outcome);
        }
        return Optional.of(outcomes);
    }

    /** Processes a batch inside the adapter's transaction, which must be active on the calling thread. */
    @Transactional(Transactional.TxType.MANDATORY)
    public BatchOutcome processInTransaction(String adapterType, List<ProxyOperation> operations, boolean acceptSubmissions) {
        return run(adapterType, operations, acceptSubmissions);
    }

    private BatchOutcome run(String adapterType, List<ProxyOperation> operations, boolean acceptSubmissions) {
        metrics.timeCommit("proxy-batch");
        Instant now = clock.instant();
        List<MessageStatus> statuses = new ArrayList<>(operations.size());
        List<Disposition> dispositions = new ArrayList<>();
        List<Integer> dispositionIndex = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            ProxyOperation operation = operations.get(i);
            statuses.add(MessageStatus.ok(operation.reported().messageId()));
            if (operation.type() == OperationType.SUBMIT) {
                continue;
            }
            EngineMessage.Lease lease = leaseOf(operation.message());
            if (lease == null) {
                statuses.set(i, new MessageStatus(operation.message().messageId(), StatusCode.INVALID_ARGUMENT,
                        "the message carries no " + SystemProperties.TRANSMIT_WORK_ID + ": it was not delivered by the engine"));
                continue;
            }
            dispositions.add(toDisposition(operation, lease, adapterType));
            dispositionIndex.add(i);
        }
        if (hasFailure(statuses)) {
            return fail(operations, statuses);
        }
        List<DispositionResult> results = this.dispositions.apply(dispositions, server.id(), now);
        Set<String> wake = new HashSet<>();
        List<String> settled = new ArrayList<>();
        for (int j = 0; j < results.size(); j++) {
            DispositionResult result = results.get(j);
            int i = dispositionIndex.get(j);
            statuses.set(i, new MessageStatus(operations.get(i).message().messageId(), result.status(), result.detail()));
            settled.add(result.disposition().workItemId());
            wakeFor(result.disposition(), adapterType, wake);
        }
        if (hasFailure(statuses)) {
            return fail(operations, statuses);
        }
        publish(operations, statuses, acceptSubmissions);
        if (hasFailure(statuses)) {
            return fail(operations, statuses);
        }
        logAfterCommit(results);
        metrics.proxyBatch(adapterType, operations.size());
        return BatchOutcome.of(operations, statuses, settled, wake);
    }

    /** The failure log records dispositions that took effect: after the commit, once, whatever the grouping. */
    private void logAfterCommit(List<DispositionResult> results) {
        AfterCommit.run(transaction, () -> FailureLog.record(results));
    }

    private void publish(List<ProxyOperation> operations, List<MessageStatus> statuses, boolean acceptSubmissions) {
        for (int i = 0; i < operations.size(); i++) {
            ProxyOperation operation = operations.get(i);
            if (operation.type() != OperationType.SUBMIT) {
                continue;
            }
            boolean isResponse = operation.response() != null;
            Message published = operation.reported();
            if (!isResponse && !acceptSubmissions) {
                statuses.set(i, new MessageStatus(published.messageId(), StatusCode.SHUTTING_DOWN,
                        "the adapter is terminating: new messages are refused, responses and dispositions are not"));
                continue;
            }
            if (!(published instanceof EngineMessage message)) {
                statuses.set(i, new MessageStatus(published.messageId(), StatusCode.INVALID_ARGUMENT,
                        "submitted messages must be made with the proxy's MessageFactory"));
                continue;
            }
            PublishReceipt receipt;
            try {
                receipt = isResponse ? publisher.publishResponse(message, prepareResponse(operation.message(), message))
                        : publisher.publishSubmitted(message);
            } catch (ValidationException e) {
                statuses.set(i, new MessageStatus(published.messageId(), StatusCode.INVALID_ARGUMENT, e.getMessage()));
                continue;
            }
            if (receipt == null) {
                statuses.set(i, new MessageStatus(published.messageId(), StatusCode.NO_SUBSCRIPTION,
                        "no enlisted send port subscribes to message " + published.messageId()));
            } else if (receipt.routes().stream().anyMatch(route -> route.state().equals("SUSPENDED"))) {
                statuses.set(i, new MessageStatus(published.messageId(), StatusCode.MESSAGE_SUSPENDED,
                        "published; suspended for " + receipt.routes().stream().filter(r -> r.state().equals("SUSPENDED"))
                                .map(PublishReceipt.Route::portName).toList()));
            }
        }
    }

    private static String prepareResponse(Message solicit, EngineMessage response) {
        Object portName = solicit.context().read(SystemProperties.SP_NAME, SystemProperties.NAMESPACE);
        if (portName != null) {
            response.context().promote(SystemProperties.SP_NAME, SystemProperties.NAMESPACE, portName);
        }
        Object publisher = solicit.context().read(SystemProperties.PUBLISHER, SystemProperties.NAMESPACE);
        if (publisher != null) {
            response.context().write(SystemProperties.PUBLISHER, SystemProperties.NAMESPACE, publisher);
        }
        response.context().write(SystemProperties.WAS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE, Boolean.TRUE);
        response.context().write(SystemProperties.CORRELATION_TOKEN, SystemProperties.NAMESPACE, solicit.messageId());
        return solicit.messageId();
    }

    private Disposition toDisposition(ProxyOperation operation, EngineMessage.Lease lease, String adapterType) {
        Message message = operation.message();
        String ptu = FailurePolicy.propertiesToUpdate(message);
        return switch (operation.type()) {
            case DELETE -> Disposition.delete(lease, message.messageId());
            case RESUBMIT -> Disposition.resubmit(lease, message.messageId(), operation.at(),
                    FailurePolicy.failureInfo(message, adapterType), ptu);
            case MOVE_TO_NEXT_TRANSPORT -> Disposition.moveToNextTransport(lease,
                    message.messageId(), FailurePolicy.backupOf(subscriptions.current()
                            .port(message.context().readString(SystemProperties.SP_ID, SystemProperties.NAMESPACE))
                            .orElse(null)), FailurePolicy.failureInfo(message, adapterType), ptu);
            case MOVE_TO_SUSPEND_Q -> Disposition.suspend(lease, message.messageId(),
                    FailurePolicy.failureInfo(message, adapterType), FailurePolicy.suspendAsNonResumable(message), ptu);
            case SUBMIT -> throw new IllegalArgumentException("a submission is not a disposition");
        };
    }

    private static void wakeFor(Disposition disposition, String adapterType, Set<String> wake) {
        if (disposition.type() == OperationType.MOVE_TO_NEXT_TRANSPORT && disposition.backup() != null) {
            wake.add(disposition.backup().adapterType());
        } else if (disposition.type() == OperationType.RESUBMIT) {
            wake.add(adapterType);
        }
    }

    private static EngineMessage.Lease leaseOf(Message message) {
        if (message instanceof EngineMessage engineMessage && engineMessage.lease() != null) {
            return engineMessage.lease();
        }
        String workItemId = message.context().readString(SystemProperties.TRANSMIT_WORK_ID, SystemProperties.NAMESPACE);
        return workItemId == null ? null : new EngineMessage.Lease(workItemId, null, null);
    }

    private static boolean hasFailure(List<MessageStatus> statuses) {
        return statuses.stream().anyMatch(s -> !s.status().isSuccess());
    }

    private BatchOutcome fail(List<ProxyOperation> operations, List<MessageStatus> statuses) {
        transaction.setRollbackOnly();
        return BatchOutcome.of(operations, statuses, List.of(), Set.of());
    }
}
