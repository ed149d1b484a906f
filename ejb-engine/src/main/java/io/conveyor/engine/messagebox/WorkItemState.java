package io.conveyor.engine.messagebox;

/**
 * The state of a work item: one message on its way to one send port (send-adapter contract §8.5 in
 * {@code docs/send-adapter-contract.md}). "Waiting to retry" and "scheduled for later delivery" are {@link #READY}
 * items whose next attempt lies in the future.
 */
public enum WorkItemState {
    /** Waiting for a dispatcher to claim it at or after its next-attempt time. */
    READY,
    /** Claimed by a server and handed to an adapter; its lease says by whom and until when. */
    IN_PROCESS,
    /** Suspended with its error; an operator may resume or terminate it. */
    SUSPENDED,
    /** Suspended with its error; may only be terminated. */
    SUSPENDED_NON_RESUMABLE
}
