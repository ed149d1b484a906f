package io.conveyor.engine.messagebox;

import java.time.Instant;

/**
 * A work item to create when a message is published: routed to a send port's primary transport, ready (or, for a
 * stopped port, suspended with a reason).
 */
public record NewWorkItem(String portId, String portName, String adapterType, WorkItemState state, int priority,
                          Instant nextAttemptAt, int retriesLeft, int retryInterval, String errorText) {
}
