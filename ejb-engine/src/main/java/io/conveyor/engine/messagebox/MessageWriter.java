package io.conveyor.engine.messagebox;

import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.api.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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

/**
 * Writes published messages and their work items into the MessageBox inside the caller's transaction, batching the
 * inserts of many messages into a few statements.
 *
 * <p>A message with one part (its body) of at most {@value #INLINE_LIMIT} bytes, not a solicit-response response, is
 * written <em>inline</em>: each of its work items holds its context and body, so publishing it is one row per send
 * port and delivering it one deletion. Any other message goes to {@code cv_message}, its parts to
 * {@code cv_message_part} and {@code cv_part_chunk}; a part larger than one chunk, or of unknown size, is copied
 * chunk by chunk from its stream, so a large body is never held in memory whole.
 */
final class MessageWriter implements AutoCloseable {

    /** Size of one stored chunk of a part. */
    static final int CHUNK_SIZE = 256 * 1024;
    /** Largest body held inline in a work item (the column's size). */
    static final int INLINE_LIMIT = 64 * 1024;
    /** Largest context, as JSON, held inline in a work item. */
    private static final int INLINE_CONTEXT_LIMIT = 1024 * 1024;
    /** Chunks of a large part sent to the database in one JDBC batch. */
    private static final int CHUNKS_PER_BATCH = 8;

    private final WorkItemIds ids;
    private final TrackedPorts trackedPorts;
    private final TrackingWriter tracking;
    private final long maxPartBytes;
    private final Connection connection;
    private final BacklogChanges changes = new BacklogChanges();
    private final PreparedStatement messages;
    private final PreparedStatement parts;
    private final PreparedStatement chunks;
    private final PreparedStatement workItems;
    private final PreparedStatement partSize;
    private final PreparedStatement messageSize;
    private String leaseToken;

    /**
     * @param maxPartBytes the largest part the MessageBox can take in one transaction (see
     *                     {@link MessageStore#maxPartBytes}); a larger one is refused as it streams in
     * @param trackedPorts which ports are tracked
     * @param tracking     where the publications' tracking events go (in the same transaction)
     */
    MessageWriter(Connection connection, WorkItemIds ids, long maxPartBytes, TrackedPorts trackedPorts,
                  TrackingWriter tracking) throws SQLException {
        this.ids = ids;
        this.trackedPorts = trackedPorts;
        this.tracking = tracking;
        this.maxPartBytes = maxPartBytes;
        this.connection = connection;
        messages = connection.prepareStatement("insert into cv_message (id, created_at, body_part_name, size_bytes, "
                + "context, correlation_id) values (?, ?, ?, ?, ?, ?)");
        parts = connection.prepareStatement("insert into cv_message_part (message_id, part_index, part_name, "
                + "content_type, charset, size_bytes, chunk_count) values (?, ?, ?, ?, ?, ?, ?)");
        chunks = connection.prepareStatement("insert into cv_part_chunk (message_id, part_index, chunk_index, data) "
                + "values (?, ?, ?, ?)");
        workItems = connection.prepareStatement("insert into cv_work_item (id, message_id, port_id, port_name, "
                + "transport, adapter_type, state, priority, next_attempt_at, retries_left, retry_interval, "
                + "attempt_count, error_text, suspended_at, created_at, ordered, address, window_hold, lease_owner, "
                + "lease_token, lease_expires_at, context, body, body_part_name, content_type, charset) "
                + "values (?, ?, ?, ?, 'PRIMARY', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        partSize = connection.prepareStatement("update cv_message_part set size_bytes = ?, chunk_count = ? "
                + "where message_id = ? and part_index = ?");
        messageSize = connection.prepareStatement("update cv_message set size_bytes = ? where id = ?");
    }

    /** Adds a message and its work items to the pending batch (large parts are written at once). */
    MessageStore.Written add(EngineMessage message, String correlationId, List<NewWorkItem> items, Instant now)
            throws SQLException {
        String context = ContextCodec.encode(message.context().properties());
        boolean keepBodies = items.stream()
                .anyMatch(item -> trackedPorts.trackingOf(item.portId()) == TrackingLevel.EVENTS_AND_BODIES);
        try {
            if (correlationId == null && message.partsInOrder().size() == 1 && context.length() <= INLINE_CONTEXT_LIMIT) {
                MessagePart body = message.bodyPart();
                try (InputStream data = body.openStream()) {
                    byte[] bytes = data.readNBytes(INLINE_LIMIT + 1);
                    if (bytes.length <= INLINE_LIMIT) {
                        if (keepBodies) {
                            tracking.body(message.messageId(), 0, message.bodyPartName(), body.contentType(),
                                    body.charset(), bytes.length, bytes);
                        }
                        return addWorkItems(message, correlationId, items, now, new InlineMessage(context, bytes, body));
                    }
                    store(message, context, correlationId, now, new SequenceInputStream(new ByteArrayInputStream(bytes), data),
                            keepBodies);
                }
            } else {
                store(message, context, correlationId, now, null, keepBodies);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the body of message " + message.messageId() + ": "
                    + e.getMessage(), e);
        }
        return addWorkItems(message, correlationId, items, now, null);
    }

    /** Executes everything pending, parents before children, and records the work items in the backlog counts. */
    void flush() throws SQLException {
        messages.executeBatch();
        parts.executeBatch();
        chunks.executeBatch();
        workItems.executeBatch();
        changes.write(connection);
        tracking.flush();
    }

    /** The message held in its work items: its context as JSON, its body and the body's description. */
    private record InlineMessage(String context, byte[] body, MessagePart part) {
    }

    /**
     * Writes a message to {@code cv_message} and its parts; {@code bodyRead} is the body's stream when its start was
     * already read, else {@code null}; {@code keepBodies}: a copy of each part goes to tracking as it is written.
     */
    private void store(EngineMessage message, String context, String correlationId, Instant now, InputStream bodyRead,
                       boolean keepBodies) throws SQLException, IOException {
        OptionalLong knownSize = message.size();
        messages.setString(1, message.messageId());
        Sql.setInstant(messages, 2, now);
        messages.setString(3, message.bodyPartName());
        messages.setLong(4, knownSize.orElse(0));
        messages.setString(5, context);
        messages.setString(6, correlationId);
        messages.addBatch();
        long size = 0;
        int partIndex = 0;
        for (Map.Entry<String, MessagePart> part : message.partsInOrder().entrySet()) {
            boolean body = partIndex == 0;
            BodyCopy copy = keepBodies ? new BodyCopy() : null;
            long partSize = writePart(message.messageId(), partIndex, part.getKey(), part.getValue(),
                    body ? bodyRead : null, copy);
            if (copy != null) {
                tracking.body(message.messageId(), partIndex, part.getKey(), part.getValue().contentType(),
                        part.getValue().charset(), partSize, copy.kept());
            }
            size += partSize;
            partIndex++;
        }
        if (knownSize.isEmpty()) {
            flush();
            messageSize.setLong(1, size);
            messageSize.setString(2, message.messageId());
            messageSize.executeUpdate();
        }
    }

    /**
     * Adds the work items. One asked to be handed off is stored in process under its lease when the message is held
     * inline (its delivery can then be made from memory), else ready like any other.
     */
    private MessageStore.Written addWorkItems(EngineMessage message, String correlationId, List<NewWorkItem> items,
                                              Instant now, InlineMessage inline) throws SQLException {
        List<String> workItemIds = new ArrayList<>(items.size());
        List<NewWorkItem> written = new ArrayList<>(items.size());
        boolean handedOff = false;
        for (NewWorkItem requested : items) {
            NewWorkItem item = requested.handOff() != null && inline == null ? requested.notHandedOff() : requested;
            written.add(item);
            String id = ids.next();
            workItemIds.add(id);
            NewWorkItem.HandOffLease handOff = item.handOff();
            handedOff |= handOff != null;
            Sql.setId(workItems, 1, id);
            workItems.setString(2, message.messageId());
            workItems.setString(3, item.portId());
            workItems.setString(4, item.portName());
            workItems.setString(5, item.adapterType());
            workItems.setString(6, item.state().name());
            workItems.setInt(7, item.priority());
            Sql.setInstant(workItems, 8, item.nextAttemptAt());
            workItems.setInt(9, item.retriesLeft());
            workItems.setInt(10, item.retryInterval());
            workItems.setInt(11, handOff == null ? 0 : 1);
            workItems.setString(12, item.errorText());
            Sql.setInstant(workItems, 13, item.state() == WorkItemState.SUSPENDED ? now : null);
            Sql.setInstant(workItems, 14, now);
            workItems.setBoolean(15, item.ordered());
            workItems.setString(16, item.address());
            workItems.setBoolean(17, item.windowHold());
            workItems.setString(18, handOff == null ? null : handOff.owner());
            Sql.setId(workItems, 19, handOff == null ? null : leaseToken());
            Sql.setInstant(workItems, 20, handOff == null ? null : handOff.expiresAt());
            workItems.setString(21, inline == null ? null : inline.context());
            workItems.setBytes(22, inline == null ? null : inline.body());
            workItems.setString(23, inline == null ? null : message.bodyPartName());
            workItems.setString(24, inline == null ? null : inline.part().contentType());
            workItems.setString(25, inline == null ? null : inline.part().charset());
            workItems.addBatch();
            changes.add(item.portId(), item.state(), 1);
        }
        track(message, written, workItemIds, correlationId);
        return new MessageStore.Written(workItemIds, handedOff ? leaseToken() : null,
                inline == null ? null : inline.body());
    }

    /**
     * Records the publication: one {@link TrackingEvent#ROUTED} row per tracked port it is routed to, naming the
     * state its work item starts in and who published it (nothing when every port is {@link TrackingLevel#OFF}); a
     * response routed nowhere is recorded as {@link TrackingEvent#PUBLISHED}. A response is also recorded in its
     * solicit's history.
     */
    private void track(EngineMessage message, List<NewWorkItem> items, List<String> workItemIds, String correlationId)
            throws SQLException {
        String publication = publication(message, correlationId);
        boolean tracked = false;
        for (int i = 0; i < items.size(); i++) {
            NewWorkItem item = items.get(i);
            if (trackedPorts.trackingOf(item.portId()) == TrackingLevel.OFF) {
                continue;
            }
            tracked = true;
            String address = item.address() == null ? "" : " at " + trackedPorts.masked(item.address());
            tracking.delivery(message.messageId(), TrackingEvent.ROUTED, item.portName(), workItemIds.get(i),
                    item.adapterType(), item.state().name() + address
                            + (item.errorText() == null ? "" : ": " + item.errorText())
                            + (publication.isEmpty() ? "" : "; " + publication));
        }
        if (correlationId != null && (tracked || items.isEmpty())) {
            if (!tracked) {
                tracking.message(message.messageId(), TrackingEvent.PUBLISHED, publication);
            }
            tracking.message(correlationId, TrackingEvent.RESPONSE_PUBLISHED, "response message " + message.messageId());
        }
    }

    /** Who published the message, and what it responds to: "published by alice as the response to message …". */
    private static String publication(EngineMessage message, String correlationId) {
        Object publisher = message.context().read(SystemProperties.PUBLISHER, SystemProperties.NAMESPACE);
        String by = publisher == null ? "" : " by " + publisher;
        String response = correlationId == null ? "" : " as the response to message " + correlationId;
        return by.isEmpty() && response.isEmpty() ? "" : "published" + by + response;
    }

    /** The lease token of this transaction's handed-off work items, taken when the first is written. */
    private String leaseToken() {
        if (leaseToken == null) {
            leaseToken = ids.next();
        }
        return leaseToken;
    }

    /**
     * Writes a part; {@code started} is its stream when its start was already read, else it is opened here; the
     * start of what is written goes to {@code copy} too, unless it is {@code null}.
     */
    private long writePart(String messageId, int partIndex, String name, MessagePart part, InputStream started,
                           BodyCopy copy) throws SQLException, IOException {
        if (started != null) {
            return streamLargePart(messageId, partIndex, name, part, started, copy);
        }
        try (InputStream data = part.openStream()) {
            OptionalLong declared = part.size();
            if (declared.isPresent() && declared.getAsLong() <= CHUNK_SIZE) {
                byte[] bytes = data.readNBytes(CHUNK_SIZE + 1);
                if (bytes.length <= CHUNK_SIZE) {
                    addPartRow(messageId, partIndex, name, part, bytes.length, 1);
                    addChunk(messageId, partIndex, 0, bytes);
                    if (copy != null) {
                        copy.add(bytes);
                    }
                    return bytes.length;
                }
                return streamLargePart(messageId, partIndex, name, part,
                        new SequenceInputStream(new ByteArrayInputStream(bytes), data), copy);
            }
            return streamLargePart(messageId, partIndex, name, part, data, copy);
        }
    }

    private long streamLargePart(String messageId, int partIndex, String name, MessagePart part, InputStream data,
                                 BodyCopy copy) throws SQLException, IOException {
        addPartRow(messageId, partIndex, name, part, 0, 0);
        flush();
        long size = 0;
        int chunkIndex = 0;
        byte[] chunk = data.readNBytes(CHUNK_SIZE);
        do {
            addChunk(messageId, partIndex, chunkIndex++, chunk);
            if (copy != null) {
                copy.add(chunk);
            }
            size += chunk.length;
            if (size > maxPartBytes) {
                throw new ValidationException("body", "part " + name + " of message " + messageId + " is larger than "
                        + (maxPartBytes >> 20) + " MiB, the most this MessageBox stores in one transaction (the embedded "
                        + "H2 holds a transaction in memory; use PostgreSQL for larger messages)");
            }
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

    /** The start of a part as it is written, at most {@link TrackingWriter#MAX_BODY_BYTES}, for tracking. */
    private static final class BodyCopy {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        void add(byte[] chunk) {
            kept.write(chunk, 0, Math.min(chunk.length, TrackingWriter.MAX_BODY_BYTES - kept.size()));
        }

        byte[] kept() {
            return kept.toByteArray();
        }
    }

    @Override
    public void close() throws SQLException {
        try (messages; parts; chunks; workItems; partSize) {
            messageSize.close();
        }
    }
}
