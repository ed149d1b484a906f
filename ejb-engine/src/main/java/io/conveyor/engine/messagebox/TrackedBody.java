package io.conveyor.engine.messagebox;

import java.time.Instant;

/**
 * The copy of one part of a message kept by a port tracked at {@link TrackingLevel#EVENTS_AND_BODIES}
 * ({@code cv_tracked_body}).
 *
 * @param sizeBytes the whole part's size
 * @param keptBytes how many of its first bytes are kept (less than {@code sizeBytes} when the part was larger than
 *                  {@link TrackingWriter#MAX_BODY_BYTES})
 */
public record TrackedBody(String messageId, int partIndex, String partName, String contentType, String charset,
                          long sizeBytes, long keptBytes, Instant recordedAt) {

    /** Whether only the part's start is kept. */
    public boolean truncated() {
        return keptBytes < sizeBytes;
    }
}
