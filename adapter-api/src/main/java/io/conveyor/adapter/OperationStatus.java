package io.conveyor.adapter;

import java.util.List;

/**
 * The outcome of all operations of one type in a proxy batch (contract §2.12 {@code BTBatchOperationStatus}).
 *
 * @param type     the operation type
 * @param status   the worst status among the messages of this type
 * @param messages one entry per operation, in the order the adapter added them
 */
public record OperationStatus(OperationType type, StatusCode status, List<MessageStatus> messages) {

    public OperationStatus {
        messages = List.copyOf(messages);
    }

    /** How many operations of this type the batch held ({@code MessageCount}). */
    public int messageCount() {
        return messages.size();
    }
}
