package io.conveyor.engine.adapters;

/**
 * Lifecycle of an adapter instance on this server (send-adapter contract §1 in {@code docs/send-adapter-contract.md}).
 */
public enum AdapterState {
    /** Not created yet: no message has needed it (lazy creation, L1). */
    NOT_CREATED,
    /** Loaded, initialised, taking messages. */
    RUNNING,
    /** Creation or initialisation failed; its messages stay queued and the engine tries again later. */
    FAILED,
    /** {@code terminate} is running: no new messages; dispositions still accepted. */
    TERMINATING,
    /** Terminated; the proxy refuses everything. */
    TERMINATED
}
