package io.conveyor.engine.messagebox;

import java.time.Instant;

/**
 * A work item to create when a message is published: routed to a send port's primary transport (or, for a dynamic
 * port, to the adapter and address the message names), ready at {@code nextAttemptAt}, or suspended with a reason
 * (a stopped port, an unresolvable dynamic address), or handed off at once to this server's dispatcher.
 *
 * @param address    the dynamic address; {@code null} for static ports, whose address is read from the port at delivery
 * @param windowHold whether {@code nextAttemptAt} is the opening of the transport's service window
 * @param handOff    for a work item handed straight to this server's dispatcher: the lease it is stored under
 *                   ({@code IN_PROCESS}); {@code null} otherwise
 */
public record NewWorkItem(String portId, String portName, String adapterType, WorkItemState state, int priority,
                          Instant nextAttemptAt, int retriesLeft, int retryInterval, String errorText, boolean ordered,
                          String address, boolean windowHold, HandOffLease handOff) {

    /** The lease of a work item stored already in process, held by this server. */
    public record HandOffLease(String owner, Instant expiresAt) {
    }

    /** The same work item, ready instead of handed off (the message could not be held in memory). */
    public NewWorkItem notHandedOff() {
        return new NewWorkItem(portId, portName, adapterType, WorkItemState.READY, priority, nextAttemptAt, retriesLeft,
                retryInterval, errorText, ordered, address, false, null);
    }

    /** The same work item, handed off under the given lease. */
    public NewWorkItem handedOff(HandOffLease lease) {
        return new NewWorkItem(portId, portName, adapterType, WorkItemState.IN_PROCESS, priority, nextAttemptAt, retriesLeft,
                retryInterval, errorText, ordered, address, false, lease);
    }
}
