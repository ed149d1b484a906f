package io.conveyor.engine.ports;

/** Send port states (send-adapter contract §8.4 in {@code docs/send-adapter-contract.md}). */
public enum PortState {
    /** Not enlisted: no subscription, nothing is routed to the port. */
    BOUND,
    /** Enlisted but stopped: matching messages are routed and suspended (resumable) until resumed. */
    STOPPED,
    /** Enlisted and started: matching messages are delivered. */
    STARTED
}
