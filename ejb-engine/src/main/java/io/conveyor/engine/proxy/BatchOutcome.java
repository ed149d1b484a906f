package io.conveyor.engine.proxy;

import io.conveyor.adapter.MessageStatus;
import io.conveyor.adapter.OperationStatus;
import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.StatusCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processed form of a proxy batch: the overall status, the statuses per operation type and message for the
 * callback, the deliveries it settled, and the adapters that have new work because of it.
 */
public record BatchOutcome(StatusCode status, List<OperationStatus> operations, List<String> settledWorkItems,
                           Set<String> adaptersToWake) {

    /** Builds the callback's statuses from one status per operation, in the order the operations were added. */
    static BatchOutcome of(List<ProxyOperation> operations, List<MessageStatus> perOperation,
                           List<String> settledWorkItems, Set<String> adaptersToWake) {
        Map<OperationType, List<MessageStatus>> byType = new LinkedHashMap<>();
        for (int i = 0; i < operations.size(); i++) {
            byType.computeIfAbsent(operations.get(i).type(), type -> new ArrayList<>()).add(perOperation.get(i));
        }
        List<OperationStatus> statuses = new ArrayList<>();
        StatusCode overall = StatusCode.OK;
        for (Map.Entry<OperationType, List<MessageStatus>> entry : byType.entrySet()) {
            StatusCode worst = entry.getValue().stream().map(MessageStatus::status).filter(s -> !s.isSuccess())
                    .findFirst().orElse(StatusCode.OK);
            statuses.add(new OperationStatus(entry.getKey(), worst, entry.getValue()));
            if (!worst.isSuccess() && overall.isSuccess()) {
                overall = worst;
            }
        }
        if (overall == StatusCode.OK && perOperation.stream().anyMatch(s -> s.status() == StatusCode.MESSAGE_SUSPENDED)) {
            overall = StatusCode.OK_WITH_SUSPENSIONS;
        }
        boolean failed = !overall.isSuccess();
        return new BatchOutcome(overall, statuses, failed ? List.of() : settledWorkItems,
                failed ? Set.of() : adaptersToWake);
    }

    /**
     * The MessageBox could not apply the batch (unreachable, a deadlock victim): nothing was applied and no operation
     * is to blame, so every one is reported innocent and may be issued again (send-adapter contract §3.3 in
     * {@code docs/send-adapter-contract.md}).
     */
    static BatchOutcome notApplied(List<ProxyOperation> operations, String detail) {
        List<OperationStatus> statuses = new ArrayList<>();
        Map<OperationType, List<MessageStatus>> byType = new LinkedHashMap<>();
        for (ProxyOperation operation : operations) {
            byType.computeIfAbsent(operation.type(), type -> new ArrayList<>())
                    .add(new MessageStatus(operation.reported().messageId(), StatusCode.OK, "not applied: " + detail));
        }
        byType.forEach((type, messages) -> statuses.add(new OperationStatus(type, StatusCode.OK, messages)));
        return new BatchOutcome(StatusCode.FAILED, statuses, List.of(), Set.of());
    }
}
