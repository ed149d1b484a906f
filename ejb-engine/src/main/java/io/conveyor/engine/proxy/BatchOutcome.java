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
        boolean failed = !overall.isSuccess();
        return new BatchOutcome(overall, statuses, failed ? List.of() : settledWorkItems,
                failed ? Set.of() : adaptersToWake);
    }

    /** Every operation failed for the same reason (the MessageBox could not be reached, say). */
    static BatchOutcome failed(List<ProxyOperation> operations, StatusCode status, String detail) {
        List<MessageStatus> perOperation = new ArrayList<>();
        for (ProxyOperation operation : operations) {
            perOperation.add(new MessageStatus(operation.reported().messageId(), status, detail));
        }
        return of(operations, perOperation, List.of(), Set.of());
    }
}
