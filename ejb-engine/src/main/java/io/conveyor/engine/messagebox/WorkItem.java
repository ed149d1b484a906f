package io.conveyor.engine.messagebox;

import java.time.Instant;

/**
 * A row of {@code cv_work_item}: one message for one send port, with its state, retry budget, lease and last error.
 *
 * @param retriesLeft   resubmits still allowed on the current transport
 * @param retryInterval minutes between attempts on the current transport
 * @param attemptCount  deliveries to the current transport so far, this one included once claimed
 * @param seq           publication order on the publishing server (the numeric identity), used by ordered delivery
 * @param ordered       whether its port delivers in order, one message at a time
 * @param address       the address resolved at publication, for dynamic ports; {@code null} for static ones
 * @param inline        whether the message is held in the work item itself, not in {@code cv_message}
 */
public record WorkItem(String id, String messageId, String portId, String portName, TransportRole transport,
                       String adapterType, WorkItemState state, int priority, Instant nextAttemptAt, int retriesLeft,
                       int retryInterval, int attemptCount, String leaseOwner, String leaseToken, Instant leaseExpiresAt,
                       String propertiesToUpdate, String errorText, String errorAdapter, String errorAddress,
                       Instant suspendedAt, Instant createdAt, long seq, boolean ordered, String address,
                       boolean inline) {

    /** The highest priority, its port's: claimed first. */
    public static final int HIGHEST_PRIORITY = 1;
    /** The lowest priority. */
    public static final int LOWEST_PRIORITY = 10;
}
