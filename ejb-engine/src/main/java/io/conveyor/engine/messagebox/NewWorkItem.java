package io.conveyor.engine.messagebox;

import java.time.Instant;

/**
 * A work item to create when a message is published: routed to a send port's primary transport (or, for a dynamic
 * port, to the adapter and address the message names), ready at {@code nextAttemptAt}, or suspended with a reason
 * (a stopped port, an unresolvable dynamic address).
 *
 * @param address the dynamic address; {@code null} for static ports, whose address is read from the port at delivery
 */
public record NewWorkItem(String portId, String portName, String adapterType, WorkItemState state, int priority,
                          Instant nextAttemptAt, int retriesLeft, int retryInterval, String errorText, boolean ordered,
                          String address) {
}
