package io.conveyor.engine.messagebox;

/** Where a server sharing the MessageBox stands, as its row in {@code cv_server} says (see {@link ServerStore}). */
public enum ServerState {
    /** Started and heartbeating; declared {@link #DEAD} by another server once its heartbeat is too old. */
    RUNNING,
    /** Stopping gracefully: it takes no new work, its adapters drain what they hold. Never declared dead. */
    STOPPING,
    /** Stopped gracefully. */
    STOPPED,
    /** Went silent while running; another server declared it dead and took back the deliveries it held. */
    DEAD
}
