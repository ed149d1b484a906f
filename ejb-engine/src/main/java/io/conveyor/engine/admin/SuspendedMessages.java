package io.conveyor.engine.admin;

import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.dispatch.CommitSignals;
import io.conveyor.engine.messagebox.AuditAction;
import io.conveyor.engine.messagebox.AuditLog;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.SuspendedQueue;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.ports.SubscriptionTable;
import io.conveyor.engine.runtime.EngineClock;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The service API for the suspended queue (send-adapter contract §8.5 in {@code docs/send-adapter-contract.md}): query,
 * resume (resumable only; the message is delivered even if its port is stopped, A3), terminate, in bulk of at most
 * {@value #MAX_IDS_PER_CALL} per call (A5), or everything a query matches, in batches of {@value #BATCH} work items,
 * each its own transaction. Each resume and terminate is recorded in the {@linkplain AuditLog audit trail} in its
 * transaction, with the {@link Actor} the caller names.
 */
@Stateless
public class SuspendedMessages {

    /** BizTalk's limit on one bulk operation. */
    public static final int MAX_IDS_PER_CALL = 2047;
    /** Work items resumed or terminated per transaction when acting on what a query matches. */
    public static final int BATCH = MessageBoxQueries.MAX_ROWS;
    /** Refusals listed in the answer of an action on what a query matches (all are counted). */
    public static final int MAX_REFUSALS_LISTED = 100;

    @Inject
    SuspendedQueue queue;
    @Inject
    SubscriptionTable subscriptions;
    @Inject
    EngineClock clock;
    @Inject
    CommitSignals commitSignals;
    @Inject
    AuditLog audit;
    @Resource
    SessionContext context;

    public List<WorkItem> find(SuspendedQueue.Query query) {
        return queue.find(query);
    }

    /** How many suspended work items the query matches, however many that is. */
    public long count(SuspendedQueue.Query query) {
        return queue.count(query);
    }

    /**
     * Resumes the given suspended work items, each once however often it is named; each result says whether it was
     * resumed or why not.
     */
    public List<SuspendedQueue.ControlResult> resume(Actor actor, List<String> ids) {
        List<String> workItemIds = distinct(ids);
        SubscriptionTable.Snapshot ports = subscriptions.current();
        Set<String> adapters = new HashSet<>();
        List<SuspendedQueue.ControlResult> results = queue.resume(workItemIds, item -> ports.port(item.portId())
                .map(port -> target(port, item)).map(target -> {
                    adapters.add(target.adapterType());
                    return target;
                }).orElse(null), clock.instant());
        commitSignals.wakeAfterCommit(adapters);
        record(actor, AuditAction.MESSAGES_RESUMED, results);
        return results;
    }

    /** Terminates the given suspended work items (resumable or not), each once however often it is named. */
    public List<SuspendedQueue.ControlResult> terminate(Actor actor, List<String> ids) {
        List<SuspendedQueue.ControlResult> results = queue.terminate(distinct(ids), clock.instant());
        record(actor, AuditAction.MESSAGES_TERMINATED, results);
        return results;
    }

    /**
     * Resumes every suspended work item the query matches (its limit ignored) that was suspended before this call, in
     * batches of {@value #BATCH}, each its own transaction with its audit row: batches done stay done if a later one
     * fails.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public BulkResult resumeMatching(Actor actor, SuspendedQueue.Query query) {
        return matching(query, ids -> self().resume(actor, ids));
    }

    /** Terminates every suspended work item the query matches, as {@link #resumeMatching} resumes them. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public BulkResult terminateMatching(Actor actor, SuspendedQueue.Query query) {
        return matching(query, ids -> self().terminate(actor, ids));
    }

    private BulkResult matching(SuspendedQueue.Query query,
                                Function<List<String>, List<SuspendedQueue.ControlResult>> action) {
        Instant started = clock.instant();
        SuspendedQueue.Query batches = new SuspendedQueue.Query(query.portName(), query.adapterType(),
                query.errorContains(), query.suspendedFrom(), query.suspendedTo() == null
                || query.suspendedTo().isAfter(started) ? started : query.suspendedTo(), BATCH);
        int matched = 0;
        int applied = 0;
        List<SuspendedQueue.ControlResult> refused = new ArrayList<>();
        int refusedCount = 0;
        String after = null;
        List<WorkItem> page;
        while (!(page = queue.findAfter(batches, after)).isEmpty()) {
            after = page.get(page.size() - 1).id();
            matched += page.size();
            for (SuspendedQueue.ControlResult result : action.apply(page.stream().map(WorkItem::id).toList())) {
                if (result.applied()) {
                    applied++;
                } else if (refusedCount++ < MAX_REFUSALS_LISTED) {
                    refused.add(result);
                }
            }
        }
        return new BulkResult(matched, applied, refusedCount, refused);
    }

    private SuspendedMessages self() {
        return context.getBusinessObject(SuspendedMessages.class);
    }

    /**
     * What an action on everything a query matched did: how many work items matched, were applied and were refused,
     * and the first {@value #MAX_REFUSALS_LISTED} refusals with their reasons.
     */
    public record BulkResult(int matched, int applied, int refused, List<SuspendedQueue.ControlResult> refusals) {
    }

    /**
     * One audit row for a call: its target the send ports of the work items named (in the order first named), its
     * details how many were named and applied, the identities applied and those refused with the reason (each list
     * cut at {@value AuditDetails#MAX_LISTED}; a refused identity is whatever the caller sent, so it is shortened).
     */
    private void record(Actor actor, AuditAction action, List<SuspendedQueue.ControlResult> results) {
        List<String> applied = results.stream().filter(SuspendedQueue.ControlResult::applied)
                .map(SuspendedQueue.ControlResult::workItemId).toList();
        List<SuspendedQueue.ControlResult> refused = results.stream().filter(result -> !result.applied()).toList();
        JsonObjectBuilder details = Json.createObjectBuilder().add("named", results.size()).add("applied", applied.size());
        AuditDetails.addList(details, "workItemIds", applied);
        JsonArrayBuilder refusals = Json.createArrayBuilder();
        refused.stream().limit(AuditDetails.MAX_LISTED).forEach(result -> refusals.add(Json.createObjectBuilder()
                .add("workItemId", AuditDetails.shortened(result.workItemId())).add("reason", result.reason())));
        details.add("refused", refusals);
        if (refused.size() > AuditDetails.MAX_LISTED) {
            details.add("refusedOmitted", refused.size() - AuditDetails.MAX_LISTED);
        }
        String ports = String.join(", ", results.stream().map(SuspendedQueue.ControlResult::portName)
                .filter(Objects::nonNull).distinct().toList());
        audit.record(clock.instant().truncatedTo(ChronoUnit.MICROS), actor.name(), action, ports, details.build().toString());
    }

    /**
     * A static port's message resumes on the primary transport as configured now, with its full retry budget; a
     * dynamic send resumes on the adapter and address it was resolved to, with one delivery attempt.
     */
    private static SuspendedQueue.ResumeTarget target(SendPort port, WorkItem item) {
        TransportSettings primary = port.definition().primary();
        if (primary == null) {
            return new SuspendedQueue.ResumeTarget(item.adapterType(), 0, item.retryInterval());
        }
        return new SuspendedQueue.ResumeTarget(primary.adapter(), primary.retryCount(), primary.retryInterval());
    }

    /** The named work items, checked against the bulk limit, each once in the order first named. */
    private static List<String> distinct(List<String> workItemIds) {
        if (workItemIds == null || workItemIds.isEmpty()) {
            throw new ValidationException("ids", "name at least one work item");
        }
        if (workItemIds.size() > MAX_IDS_PER_CALL) {
            throw new ValidationException("ids", workItemIds.size() + " work items in one call; at most " + MAX_IDS_PER_CALL);
        }
        return workItemIds.stream().distinct().toList();
    }
}
