package io.conveyor.engine.routing;

import java.util.List;

/** What publishing a message did: its identity and the send ports it was routed to. */
public record PublishReceipt(String messageId, List<Route> routes) {

    /** One send port the message was routed to, with the work item made for it and its state. */
    public record Route(String portName, String workItemId, String state) {
    }
}
