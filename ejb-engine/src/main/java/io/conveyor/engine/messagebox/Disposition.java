package io.conveyor.engine.messagebox;

import io.conveyor.adapter.OperationType;
import java.time.Instant;

/**
 * One outcome to apply to a delivered work item: what a proxy batch operation or the engine's failure policy asks
 * for. Built with the static factories; fields that do not apply to the operation are {@code null}.
 *
 * @param portId             the work item's send port, when the delivery knows it ({@code null} otherwise)
 * @param backup             for {@link OperationType#MOVE_TO_NEXT_TRANSPORT}: where to go; {@code null} when the
 *                           port has no backup transport (the operation then fails)
 * @param propertiesToUpdate {@code PropertiesToUpdate} XML from the message context, merged into what the work
 *                           item already carries
 */
public record Disposition(OperationType type, String workItemId, String leaseToken, String portId, String messageId,
                          Instant resubmitAt, FailureInfo failure, BackupTransport backup, boolean nonResumable,
                          String propertiesToUpdate) {

    /** The error recorded with a retry, a move to the backup transport, or a suspension. */
    public record FailureInfo(String text, String adapter, String address) {
    }

    /** The backup transport a message moves to. */
    public record BackupTransport(String adapterType, int retryCount, int retryInterval) {
    }

    public static Disposition delete(EngineMessage.Lease lease, String messageId) {
        return new Disposition(OperationType.DELETE, lease.workItemId(), lease.token(), lease.portId(), messageId, null,
                null, null, false, null);
    }

    public static Disposition resubmit(EngineMessage.Lease lease, String messageId, Instant at, FailureInfo failure,
                                       String propertiesToUpdate) {
        return new Disposition(OperationType.RESUBMIT, lease.workItemId(), lease.token(), lease.portId(), messageId, at,
                failure, null, false, propertiesToUpdate);
    }

    public static Disposition moveToNextTransport(EngineMessage.Lease lease, String messageId, BackupTransport backup,
                                                  FailureInfo failure, String propertiesToUpdate) {
        return new Disposition(OperationType.MOVE_TO_NEXT_TRANSPORT, lease.workItemId(), lease.token(), lease.portId(),
                messageId, null, failure, backup, false, propertiesToUpdate);
    }

    public static Disposition suspend(EngineMessage.Lease lease, String messageId, FailureInfo failure,
                                      boolean nonResumable, String propertiesToUpdate) {
        return new Disposition(OperationType.MOVE_TO_SUSPEND_Q, lease.workItemId(), lease.token(), lease.portId(),
                messageId, null, failure, null, nonResumable, propertiesToUpdate);
    }

    /** The same disposition without {@code PropertiesToUpdate} (when those could not be read). */
    public Disposition withoutPropertiesToUpdate() {
        return new Disposition(type, workItemId, leaseToken, portId, messageId, resubmitAt, failure, backup, nonResumable,
                null);
    }
}
