package io.conveyor.engine.messagebox;

import java.time.Instant;

/**
 * One row of the {@linkplain AuditLog audit trail}.
 *
 * @param id         sequential, in the order the rows were written
 * @param recordedAt engine time of the change
 * @param actor      who made it: the caller's name, or {@code anonymous}
 * @param target     what it was made to: a send port's name, the ports of the work items acted on, {@code bindings}
 * @param details    a JSON object; never a secret (masked forms, or names only)
 */
public record AuditEntry(long id, Instant recordedAt, String actor, AuditAction action, String target, String details) {
}
