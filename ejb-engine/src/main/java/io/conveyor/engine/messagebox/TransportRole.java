package io.conveyor.engine.messagebox;

/** Which of its send port's transports a work item is on. */
public enum TransportRole {
    PRIMARY,
    BACKUP
}
