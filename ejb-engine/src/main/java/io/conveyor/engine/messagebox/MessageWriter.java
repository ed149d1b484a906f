package io.conveyor.engine.messagebox;

import io.conveyor.adapter.MessagePart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Writes published messages and their work items into the MessageBox inside the caller's transaction, batching the
 * inserts of many small messages into a few statements. A part larger than one chunk, or of unknown size, is
 * copied chunk by chunk from its stream, so a large body is never held in memory whole; a part that declares a
 * small size but streams more is stored whole all the same.
 */
final class MessageWriter implements AutoCloseable {

    /** Size of one stored chunk of a part. */
    static final int CHUNK_SIZE = 256 * 1024;
    /** Chunks of a large part sent to the database in one JDBC batch. */
    private static final int CHUNKS_PER_BATCH = 8;

    private final PreparedStatement messages;
    private final PreparedStatement parts;
    private final PreparedStatement chunks;
    private final PreparedStatement workItems;
    private final PreparedStatement partSize;
    private final PreparedStatement messageSize;

    MessageWriter(Connection connection) throws SQLException {
        messages = connection.prepareStatement("insert into cv_message (id, created_at, body_part_name, size_bytes, "
                + "context, correlation_id) values (?, ?, ?, ?, ?, ?)");
        parts = connection.prepareStatement("insert into cv_message_part (message_id, part_index, part_name, "
                + "content_type, charset, size_bytes, chunk_count) values (?, ?, ?, ?, ?, ?, ?)");
        chunks = connection.prepareStatement("insert into cv_part_chunk (message_id, part_index, chunk_index, data) "
                + "values (?, ?, ?, ?)");
        workItems = connection.prepareStatement("insert into cv_work_item (id, message_id, port_id, port_name, "
                + "transport, adapter_type, state, priority, next_attempt_at, retries_left, retry_interval, "
                + "attempt_count, error_text, suspended_at, created_at, ordered, address, window_hold) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)");
        partSize = connection.prepareStatement("update cv_message_part set size_bytes = ?, chunk_count = ? "
                + "where message_id = ? and part_index = ?");
        messageSize = connection.prepareStatement("update cv_message set size_bytes = ? where id = ?");
    }

    /**
     * Adds a message and its work items to the pending batch (large parts are written at once).
     *
     * @return the identities of the work items, in the order given
     */
    List<String> add(EngineMessage message, String correlationId, List<NewWorkItem> items, Instant now)
            throws SQLException {
        OptionalLong knownSize = message.size();
        messages.setString(1, message.messageId());
        Sql.setInstant(messages, 2, now);
        messages.setString(3, message.bodyPartName());
        messages.setLong(4, knownSize.orElse(0));
        messages.setString(5, ContextCodec.encode(message.context().properties()));
        messages.setString(6, correlationId);
        messages.addBatch();
        long size = 0;
        int partIndex = 0;
        for (Map.Entry<String, MessagePart> part : message.partsInOrder().entrySet()) {
            size += writePart(message.messageId(), partIndex++, part.getKey(), part.getValue());
        }
        if (knownSize.isEmpty()) {
            flush();
            messageSize.setLong(1, size);
            messageSize.setString(2, message.messageId());
            messageSize.executeUpdate();
        }
        return addWorkItems(message.messageId(), items, now);
    }

    /** Executes everything pending, parents before children. */
    void flush() throws SQLException {
        messages.executeBatch();
        parts.executeBatch();
        chunks.executeBatch();
        workItems.executeBatch();
    }

    private List<String> addWorkItems(String messageId, List<NewWorkItem> items, Instant now) throws SQLException {
        List<String> ids = new ArrayList<>(items.size());
        for (NewWorkItem item : items) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            workItems.setString(1, id);
            workItems.setString(2, messageId);
            workItems.setString(3, item.portId());
            workItems.setString(4, item.portName());
            workItems.setString(5, TransportRole.PRIMARY.name());
            workItems.setString(6, item.adapterType());
            workItems.setString(7, item.state().name());
            workItems.setInt(8, item.priority());
            Sql.setInstant(workItems, 9, item.nextAttemptAt());
            workItems.setInt(10, item.retriesLeft());
            workItems.setInt(11, item.retryInterval());
            workItems.setString(12, item.errorText());
            Sql.setInstant(workItems, 13, item.state() == WorkItemState.READY ? null : now);
            Sql.setInstant(workItems, 14, now);
            workItems.setBoolean(15, item.ordered());
            workItems.setString(16, item.address());
            workItems.setBoolean(17, item.state() == WorkItemState.READY && item.nextAttemptAt().isAfter(now));
            workItems.addBatch();
        }
        return ids;
    }

    private long writePart(String messageId, int partIndex, String name, MessagePart part) throws SQLException {
        try (InputStream data = part.openStream()) {
            OptionalLong declared = part.size();
            if (declared.isPresent() && declared.getAsLong() <= CHUNK_SIZE) {
                byte[] bytes = data.readNBytes(CHUNK_SIZE + 1);
                if (bytes.length <= CHUNK_SIZE) {
                    addPartRow(messageId, partIndex, name, part, bytes.length, 1);
                    addChunk(messageId, partIndex, 0, bytes);
                    return bytes.length;
                }
                return streamLargePart(messageId, partIndex, name, part,
                        new SequenceInputStream(new ByteArrayInputStream(bytes), data));
            }
            return streamLargePart(messageId, partIndex, name, part, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read part " + name + " of message " + messageId + ": " + e.getMessage(), e);
        }
    }

    private long streamLargePart(String messageId, int partIndex, String name, MessagePart part, InputStream data)
            throws SQLException, IOException {
        addPartRow(messageId, partIndex, name, part, 0, 0);
        flush();
        long size = 0;
        int chunkIndex = 0;
        byte[] chunk = data.readNBytes(CHUNK_SIZE);
        do {
            addChunk(messageId, partIndex, chunkIndex++, chunk);
            size += chunk.length;
            if (chunkIndex % CHUNKS_PER_BATCH == 0) {
                chunks.executeBatch();
            }
            chunk = data.readNBytes(CHUNK_SIZE);
        } while (chunk.length > 0);
        chunks.executeBatch();
        partSize.setLong(1, size);
        partSize.setInt(2, chunkIndex);
        partSize.setString(3, messageId);
        partSize.setInt(4, partIndex);
        partSize.executeUpdate();
        return size;
    }

    private void addPartRow(String messageId, int partIndex, String name, MessagePart part, long size, int chunkCount)
            throws SQLException {
        parts.setString(1, messageId);
        parts.setInt(2, partIndex);
        parts.setString(3, name);
        parts.setString(4, part.contentType());
        parts.setString(5, part.charset());
        parts.setLong(6, size);
        parts.setInt(7, chunkCount);
        parts.addBatch();
    }

    private void addChunk(String messageId, int partIndex, int chunkIndex, byte[] data) throws SQLException {
        chunks.setString(1, messageId);
        chunks.setInt(2, partIndex);
        chunks.setInt(3, chunkIndex);
        chunks.setBytes(4, data);
        chunks.addBatch();
    }

    @Override
    public void close() throws SQLException {
        try (messages; parts; chunks; workItems; partSize) {
            messageSize.close();
        }
    }
}
