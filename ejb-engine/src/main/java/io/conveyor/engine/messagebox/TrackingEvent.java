package io.conveyor.engine.messagebox;

/** What can happen to a message, as message tracking records it ({@code cv_tracking.event}). */
public enum TrackingEvent {
    /**
     * A response stored without being routed to a tracked port; the detail names its publisher and solicit. (A
     * message routed to a tracked port is recorded by its {@link #ROUTED} events, which name its publisher.)
     */
    PUBLISHED,
    /** A solicit-response response stored; the detail names the solicit's message. */
    RESPONSE_PUBLISHED,
    /**
     * Published and routed to a send port, in one transaction: one event per port, with its work item, adapter, the
     * state it starts in and who published it ("READY; published by alice").
     */
    ROUTED,
    /** A delivery attempt that failed: adapter, address, outcome FAILURE, error and duration. */
    ATTEMPTED,
    /** A failed attempt will be retried; the detail says when. */
    RETRY_SCHEDULED,
    /** Retries exhausted on the primary transport: the next attempt goes to the backup transport's adapter. */
    MOVED_TO_BACKUP,
    /** Moved to the suspended queue; the detail says why (and whether it is resumable). */
    SUSPENDED,
    /** Resumed by an operator, back on the port's primary transport. */
    RESUMED,
    /** Terminated by an operator: the port's copy is deleted undelivered. */
    TERMINATED,
    /**
     * Delivered by the port's adapter: the successful attempt (adapter, address, outcome SUCCESS, duration), after
     * which the port's copy (and, with the last one, the message) left the MessageBox in the same transaction.
     */
    DELIVERED
}
