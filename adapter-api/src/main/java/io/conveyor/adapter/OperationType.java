package io.conveyor.adapter;

/**
 * Kinds of proxy batch operation (contract §2.12 {@code BatchOperationType}); a {@link BatchCallback} receives one
 * {@link OperationStatus} per kind present in the batch. As in BizTalk's SDK samples, solicit-response responses are
 * reported under {@link #SUBMIT}.
 */
public enum OperationType {
    SUBMIT,
    DELETE,
    MOVE_TO_SUSPEND_Q,
    RESUBMIT,
    MOVE_TO_NEXT_TRANSPORT
}
