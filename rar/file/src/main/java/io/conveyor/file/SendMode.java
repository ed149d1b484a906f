package io.conveyor.file;

/** How the FILE adapter talks to the engine (handler property {@code mode}). */
public enum SendMode {
    /** One message at a time on the engine's dispatch thread; {@code transmitMessage} returns {@code true}. */
    BLOCKING,
    /** Batch-aware: queues each engine batch and writes it on the connector's WorkManager, then deletes through a proxy batch. */
    NON_BLOCKING
}
