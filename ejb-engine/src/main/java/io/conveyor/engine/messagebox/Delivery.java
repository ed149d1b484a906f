package io.conveyor.engine.messagebox;

import java.time.Instant;
import java.util.Map;

/** A work item with its message, ready to be stamped and handed to an adapter: claimed and loaded, or handed off. */
public record Delivery(WorkItem workItem, EngineMessage message) {

    /**
     * The delivery of a message just published and handed off on this server, made from what is in memory: the work
     * item as it was written (in process under this server's lease) and the message with a context of its own.
     */
    public static Delivery handedOff(EngineMessage published, NewWorkItem item, String workItemId, String leaseToken,
                                     byte[] body, Instant now) {
        WorkItem workItem = new WorkItem(workItemId, published.messageId(), item.portId(), item.portName(),
                TransportRole.PRIMARY, item.adapterType(), WorkItemState.IN_PROCESS, item.priority(), item.nextAttemptAt(),
                item.retriesLeft(), item.retryInterval(), 1, item.handOff().owner(), leaseToken, item.handOff().expiresAt(),
                null, null, null, null, null, now, Long.parseLong(workItemId), item.ordered(), item.address(), true);
        EngineMessage message = EngineMessage.delivered(published.messageId(), published.context().copy(),
                new EngineMessage.Lease(workItemId, leaseToken, item.portId()), published.bodyPartName(),
                Map.of(published.bodyPartName(), ContentPart.of(body, published.bodyPart().contentType(),
                        published.bodyPart().charset())));
        return new Delivery(workItem, message);
    }
}
