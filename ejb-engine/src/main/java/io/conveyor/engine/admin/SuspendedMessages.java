package io.conveyor.engine.admin;

import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.dispatch.CommitSignals;
import io.conveyor.engine.messagebox.AuditAction;
import io.conveyor.engine.messagebox.AuditLog;
import io.conveyor.engine.messagebox.SuspendedQueue;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.ports.SubscriptionTable;
import io.conveyor.engine.runtime.EngineClock;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The service API for the suspended queue (send-adapter contract §8.5 in {@code docs/send-adapter-contract.md}): query,
 * resume (resumable only; the message is delivered even if its port is stopped, A3), terminate, in bulk of at most
 * {@value #MAX_IDS_PER_CALL} per call (A5). Each resume and terminate is recorded in the {@linkplain AuditLog audit
 * trail} in the call's transaction, with the {@link Actor} the caller names.
 */
@Stateless
public class SuspendedMessages {

    /** BizTalk's limit on one bulk operation. */
    public static final int MAX_IDS_PER_CALL = 2047;

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

    public List<WorkItem> find(SuspendedQueue.Query query) {
        return queue.find(query);
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
