package io.conveyor.engine.messagebox;

/** A claimed work item with its message, loaded from the MessageBox, ready to be stamped and handed to an adapter. */
public record Delivery(WorkItem workItem, EngineMessage message) {
}
