package io.conveyor.it.probe;

/**
 * One call the engine made on a probe adapter.
 *
 * @param method    the SPI method, e.g. {@code transmitMessage}
 * @param messageId the message concerned, or {@code null}
 * @param batch     which engine batch (1, 2, ...) the call belongs to, or 0 outside batches
 * @param thread    the calling thread's name
 */
public record ProbeCall(String method, String messageId, int batch, String thread) {
}
