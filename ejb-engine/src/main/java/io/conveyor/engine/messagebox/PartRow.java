package io.conveyor.engine.messagebox;

/** A row of {@code cv_message_part}: where a part's chunks are and what they hold. */
record PartRow(String messageId, int index, String name, String contentType, String charset, long size, int chunkCount) {
}
