package io.conveyor.engine.admin;

import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.dispatch.CommitSignals;
import io.conveyor.engine.messagebox.SuspendedQueue;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.ports.SubscriptionTable;
import io.conveyor.engine.runtime.EngineClock;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The service API for the suspended queue (send-adapter contract §8.5 in {@code docs/send-adapter-contract.md}): query,
 * resume (resumable only; the message is delivered even if its port is stopped, A3), terminate, in bulk of at most
 * {@value #MAX_IDS_PER_CALL} per call (A5).
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

    public List<WorkItem> find(SuspendedQueue.Query query) {
        return queue.find(query);
    }

    /**
     * Resumes the given suspended work items, each once however often it is named; each result says whether it was
     * resumed or why not.
     */
    public List<SuspendedQueue.ControlResult> resume(List<String> ids) {
        List<String> workItemIds = distinct(ids);
        SubscriptionTable.Snapshot ports = subscriptions.current();
        Set<String> adapters = new HashSet<>();
        List<SuspendedQueue.ControlResult> results = queue.resume(workItemIds, item -> ports.port(item.portId())
                .map(port -> target(port, item)).map(target -> {
                    adapters.add(target.adapterType());
                    return target;
                }).orElse(null), clock.instant());
        commitSignals.wakeAfterCommit(adapters);
        return results;
    }

    /** Terminates the given suspended work items (resumable or not), each once however often it is named. */
    public List<SuspendedQueue.ControlResult> terminate(List<String> ids) {
        return queue.terminate(distinct(ids));
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
