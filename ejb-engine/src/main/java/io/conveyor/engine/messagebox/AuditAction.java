package io.conveyor.engine.messagebox;

/** The administrative changes the {@linkplain AuditLog audit trail} records. */
public enum AuditAction {
    /** A send port was created (directly or by a bindings import). */
    PORT_CREATED,
    /** A send port's definition was replaced (directly or by a bindings import), a rename included. */
    PORT_UPDATED,
    /** A send port was deleted. */
    PORT_DELETED,
    /** A send port was enlisted, started, stopped or unenlisted. */
    PORT_STATE_CHANGED,
    /** Suspended messages were resumed. */
    MESSAGES_RESUMED,
    /** Suspended messages were terminated. */
    MESSAGES_TERMINATED,
    /** A bindings file was imported (each port it created or replaced has its own row too). */
    BINDINGS_IMPORTED
}
