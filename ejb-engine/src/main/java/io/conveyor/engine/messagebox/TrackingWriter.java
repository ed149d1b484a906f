package io.conveyor.engine.messagebox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Appends tracking events to {@code cv_tracking}, and copies of bodies to {@code cv_tracked_body}, in the transaction
 * of the connection it is given, as JDBC batches written by {@link #flush}. Each statement is prepared with its first
 * row, so a transaction that tracks nothing (every port {@link TrackingLevel#OFF}) costs nothing.
 */
final class TrackingWriter implements AutoCloseable {

    static final int MAX_DETAIL_LENGTH = 4000;
    static final int MAX_ADDRESS_LENGTH = 2048;
    static final int MAX_PORT_NAME_LENGTH = 256;
    /** Most bytes of one part kept by {@link TrackingLevel#EVENTS_AND_BODIES} (the column's size). */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Connection connection;
    private final Instant at;
    private PreparedStatement insert;
    private int pending;
    private PreparedStatement bodies;
    private int pendingBodies;

    /** @param at when the events happen (recorded_at of every row) */
    TrackingWriter(Connection connection, Instant at) {
        this.connection = connection;
        this.at = at;
    }

    /** When the events happen. */
    Instant at() {
        return at;
    }

    /** An event of a message as a whole (published, response published). */
    void message(String messageId, TrackingEvent event, String detail) throws SQLException {
        add(messageId, event, null, null, null, null, null, detail, null);
    }

    /** An event of a message's delivery to one port. */
    void delivery(String messageId, TrackingEvent event, String portName, String workItemId, String adapterType,
                  String detail) throws SQLException {
        add(messageId, event, portName, workItemId, adapterType, null, null, detail, null);
    }

    /** A delivery attempt that failed. */
    void failedAttempt(String messageId, String portName, String workItemId, String adapterType, String address,
                       String error, Long durationMs) throws SQLException {
        add(messageId, TrackingEvent.ATTEMPTED, portName, workItemId, adapterType, address, "FAILURE", error,
                durationMs);
    }

    /** The attempt that delivered a message to a port; the port's copy is deleted in the same transaction. */
    void delivered(String messageId, String portName, String workItemId, String adapterType, String address,
                   Long durationMs) throws SQLException {
        add(messageId, TrackingEvent.DELIVERED, portName, workItemId, adapterType, address, "SUCCESS", null,
                durationMs);
    }

    private void add(String messageId, TrackingEvent event, String portName, String workItemId, String adapterType,
                     String address, String outcome, String detail, Long durationMs) throws SQLException {
        if (insert == null) {
            insert = connection.prepareStatement("insert into cv_tracking (recorded_at, message_id, event, port_name, "
                    + "work_item_id, adapter_type, address, outcome, detail, duration_ms) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        Sql.setInstant(insert, 1, at);
        insert.setString(2, messageId);
        insert.setString(3, event.name());
        insert.setString(4, cut(portName, MAX_PORT_NAME_LENGTH));
        Sql.setId(insert, 5, Sql.isId(workItemId) ? workItemId : null);
        insert.setString(6, adapterType);
        insert.setString(7, cut(address, MAX_ADDRESS_LENGTH));
        insert.setString(8, outcome);
        insert.setString(9, cut(detail, MAX_DETAIL_LENGTH));
        if (durationMs == null) {
            insert.setNull(10, Types.BIGINT);
        } else {
            insert.setLong(10, durationMs);
        }
        insert.addBatch();
        pending++;
    }

    /**
     * A copy of one part of a published message.
     *
     * @param sizeBytes the whole part's size
     * @param kept      its first bytes, at most {@link #MAX_BODY_BYTES}
     */
    void body(String messageId, int partIndex, String partName, String contentType, String charset, long sizeBytes,
              byte[] kept) throws SQLException {
        if (bodies == null) {
            bodies = connection.prepareStatement("insert into cv_tracked_body (recorded_at, message_id, part_index, "
                    + "part_name, content_type, charset, size_bytes, body_bytes) values (?, ?, ?, ?, ?, ?, ?, ?)");
        }
        Sql.setInstant(bodies, 1, at);
        bodies.setString(2, messageId);
        bodies.setInt(3, partIndex);
        bodies.setString(4, partName);
        bodies.setString(5, contentType);
        bodies.setString(6, charset);
        bodies.setLong(7, sizeBytes);
        bodies.setBytes(8, kept);
        bodies.addBatch();
        pendingBodies++;
    }

    /** Writes the events and bodies added since the last flush. */
    void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
        if (pendingBodies > 0) {
            bodies.executeBatch();
            pendingBodies = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try (PreparedStatement events = insert) {
            if (bodies != null) {
                bodies.close();
            }
        }
    }

    static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
