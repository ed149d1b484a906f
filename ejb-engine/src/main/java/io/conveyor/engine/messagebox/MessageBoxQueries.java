package io.conveyor.engine.messagebox;

import io.conveyor.adapter.ContextProperty;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Read-only views of the MessageBox for operators: messages, their work items, counts by state. */
@Stateless
public class MessageBoxQueries {

    /** Most rows one query returns. */
    public static final int MAX_ROWS = 1000;

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;

    /** A stored message: its context, its parts, and its work items. */
    public record MessageView(String id, Instant createdAt, long size, String correlationId,
                              List<ContextProperty> context, List<PartView> parts, List<WorkItem> workItems) {
    }

    /** A part of a stored message. */
    public record PartView(String name, String contentType, String charset, long size) {
    }

    /** Work items, newest first, optionally only of one port and/or one state. */
    public List<WorkItem> workItems(String portName, WorkItemState state, int limit) {
        FilteredSelect select = new FilteredSelect("select " + WorkItemRows.COLUMNS + " from cv_work_item w where 1 = 1")
                .and("w.port_name = ?", portName)
                .and("w.state = ?", state == null ? null : state.name());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = select.prepare(connection, "w.created_at desc", limit)) {
            return readWorkItems(statement);
        } catch (SQLException e) {
            throw new MessageBoxException("cannot list work items", e);
        }
    }

    /** A message by identity, if it is still in the MessageBox (in {@code cv_message}, or inline in its work items). */
    public Optional<MessageView> message(String messageId) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<MessageView> stored = storedMessage(connection, messageId);
            Optional<MessageView> found = stored.isPresent() ? stored : inlineMessage(connection, messageId);
            if (found.isEmpty()) {
                return found;
            }
            MessageView view = found.get();
            try (PreparedStatement select = connection.prepareStatement("select " + WorkItemRows.COLUMNS
                    + " from cv_work_item w where w.message_id = ? order by w.port_name")) {
                select.setString(1, messageId);
                return Optional.of(new MessageView(view.id(), view.createdAt(), view.size(), view.correlationId(),
                        view.context(), view.parts(), readWorkItems(select)));
            }
        } catch (SQLException e) {
            throw new MessageBoxException("cannot read message " + messageId, e);
        }
    }

    private static Optional<MessageView> storedMessage(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select created_at, size_bytes, correlation_id, context from cv_message where id = ?")) {
            select.setString(1, messageId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new MessageView(messageId, Sql.getInstant(rows, "created_at"), rows.getLong("size_bytes"),
                        rows.getString("correlation_id"), ContextCodec.decode(rows.getString("context")),
                        parts(connection, messageId), List.of()));
            }
        }
    }

    /** A message held inline by its work items (each holds the same copy; the first is read). */
    private static Optional<MessageView> inlineMessage(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select created_at, context, body, body_part_name, "
                + "content_type, charset from cv_work_item where message_id = ? and context is not null "
                + "order by id fetch first 1 rows only")) {
            select.setString(1, messageId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long size = rows.getBytes("body").length;
                return Optional.of(new MessageView(messageId, Sql.getInstant(rows, "created_at"), size, null,
                        ContextCodec.decode(rows.getString("context")), List.of(new PartView(rows.getString("body_part_name"),
                        rows.getString("content_type"), rows.getString("charset"), size)), List.of()));
            }
        }
    }

    /** The latest response correlated to a solicit message, if one was published and is still stored. */
    public Optional<MessageView> responseOf(String solicitId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select id from cv_message where correlation_id = ? "
                     + "order by created_at desc fetch first 1 rows only")) {
            select.setString(1, solicitId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? message(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new MessageBoxException("cannot look for the response to " + solicitId, e);
        }
    }

    /** Streams a stored message's body from the MessageBox, chunk by chunk; the caller closes it. */
    public InputStream openBody(MessageView message) {
        return openPart(message.id(), 0).orElseGet(InputStream::nullInputStream);
    }

    /**
     * Streams part {@code partIndex} (0 is the body) of a message still in the MessageBox: chunk by chunk when it is
     * stored in {@code cv_message}, from its work item when it is held inline (at most 64 KiB); empty when the message
     * or the part is not there. The caller closes it.
     */
    public Optional<InputStream> openPart(String messageId, int partIndex) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "select chunk_count from cv_message_part where message_id = ? and part_index = ?")) {
                select.setString(1, messageId);
                select.setInt(2, partIndex);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        return Optional.of(new ChunkedPartInputStream(dataSource, messageId, partIndex, rows.getInt(1)));
                    }
                }
            }
            if (partIndex != 0) {
                return Optional.empty();
            }
            try (PreparedStatement select = connection.prepareStatement("select body from cv_work_item "
                    + "where message_id = ? and context is not null order by id fetch first 1 rows only")) {
                select.setString(1, messageId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new ByteArrayInputStream(rows.getBytes(1))) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new MessageBoxException("cannot read part " + partIndex + " of message " + messageId, e);
        }
    }

    /**
     * The backlog: how many work items each port has in each state (ports with none are absent), ordered by port
     * name. This is the queue depth operators watch, and what the benchmark harness samples: read from the counts the
     * engine maintains as it changes work items ({@code cv_backlog_delta}), not by counting the work items.
     */
    public Map<String, Map<WorkItemState, Long>> workItemCounts() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select coalesce(p.name, d.port_id), d.state, "
                     + "sum(d.delta) from cv_backlog_delta d left join cv_send_port p on p.id = d.port_id "
                     + "group by coalesce(p.name, d.port_id), d.state having sum(d.delta) <> 0");
             ResultSet rows = select.executeQuery()) {
            Map<String, Map<WorkItemState, Long>> counts = new TreeMap<>();
            while (rows.next()) {
                counts.computeIfAbsent(rows.getString(1), port -> new EnumMap<>(WorkItemState.class))
                        .put(WorkItemState.valueOf(rows.getString(2)), rows.getLong(3));
            }
            return counts;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot count work items", e);
        }
    }

    /** How many messages the MessageBox holds. */
    public long messageCount() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select count(*) from cv_message");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new MessageBoxException("cannot count messages", e);
        }
    }

    private static List<PartView> parts(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select part_name, content_type, charset, size_bytes "
                + "from cv_message_part where message_id = ? order by part_index")) {
            select.setString(1, messageId);
            List<PartView> parts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    parts.add(new PartView(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
                }
            }
            return parts;
        }
    }

    private static List<WorkItem> readWorkItems(PreparedStatement select) throws SQLException {
        List<WorkItem> items = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                items.add(WorkItemRows.read(rows));
            }
        }
        return items;
    }
}
