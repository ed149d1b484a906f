package io.conveyor.engine.messagebox;

import java.time.Instant;

/**
 * One row of message tracking ({@code cv_tracking}). Fields that do not apply to the event are {@code null}.
 *
 * @param outcome    {@code FAILURE} for {@link TrackingEvent#ATTEMPTED}, {@code SUCCESS} for {@link TrackingEvent#DELIVERED}
 * @param detail     the publisher, the error, the state routed to, when a retry is due…
 * @param durationMs for an attempt (ATTEMPTED, DELIVERED): from the claim of the delivery to its outcome, when known
 */
public record TrackedEvent(long id, Instant recordedAt, String messageId, TrackingEvent event, String portName,
                           String workItemId, String adapterType, String address, String outcome, String detail,
                           Long durationMs) {
}
