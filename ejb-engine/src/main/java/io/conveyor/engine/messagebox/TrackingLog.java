package io.conveyor.engine.messagebox;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and purges message tracking ({@code cv_tracking}, and the copies of bodies in {@code cv_tracked_body}). The
 * events are written by the MessageBox stores in the transactions that make them happen (publication, dispositions,
 * resume and terminate); see decision 36 in {@code docs/decisions.md}.
 */
@Stateless
public class TrackingLog {

    /** Rows deleted by one statement of the purge. */
    public static final int PURGE_BATCH = 5_000;
    /** Statements of one purge call at most; what is left goes with the next call. */
    public static final int PURGE_BATCHES_PER_CALL = 20;

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;

    /**
     * Filters of a tracking query; {@code null} fields do not filter. {@code outcome} is an attempt's ({@code SUCCESS}:
     * delivered, {@code FAILURE}: a failed attempt); {@code from} is inclusive, {@code to} not.
     */
    public record Query(String messageId, String portName, TrackingEvent event, String outcome, Instant from, Instant to,
                        int limit) {
    }

    /** Events matching the query, newest first. */
    public List<TrackedEvent> find(Query query) {
        return select(new FilteredSelect("select " + COLUMNS + " from cv_tracking where 1 = 1")
                .and("message_id = ?", query.messageId())
                .and("port_name = ?", query.portName())
                .and("event = ?", query.event() == null ? null : query.event().name())
                .and("outcome = ?", query.outcome())
                .and("recorded_at >= ?", query.from())
                .and("recorded_at < ?", query.to()), "recorded_at desc, id desc", query.limit());
    }

    /**
     * A message's events in the order they happened (at most {@link MessageBoxQueries#MAX_ROWS}), also once the
     * message has left the MessageBox.
     */
    public List<TrackedEvent> history(String messageId) {
        return select(new FilteredSelect("select " + COLUMNS + " from cv_tracking where 1 = 1")
                .and("message_id = ?", messageId), "id", MessageBoxQueries.MAX_ROWS);
    }

    /** The kept copies of a message's parts, in part order (none unless a port tracks it with its body). */
    public List<TrackedBody> bodies(String messageId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + BODY_COLUMNS
                     + " from cv_tracked_body where message_id = ? order by part_index")) {
            select.setString(1, messageId);
            List<TrackedBody> bodies = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    bodies.add(trackedBody(rows));
                }
            }
            return bodies;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot read the tracked bodies of message " + messageId, e);
        }
    }

    /** The kept bytes of one part of a message, when kept. */
    public Optional<byte[]> bodyBytes(String messageId, String partName) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select body_bytes from cv_tracked_body where message_id = ? and part_name = ?")) {
            select.setString(1, messageId);
            select.setString(2, partName);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new MessageBoxException("cannot read the tracked body of message " + messageId, e);
        }
    }

    /**
     * Deletes events and kept bodies recorded before {@code cutoff}: at most {@link #PURGE_BATCH} rows per statement, each statement
     * in a transaction of its own (no purge holds many locks or a long transaction), and at most
     * {@link #PURGE_BATCHES_PER_CALL} statements (the supervisor calling it has other work; the rest goes next time).
     * Returns how many went.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long purge(Instant cutoff) {
        long purged = 0;
        try (Connection connection = dataSource.getConnection()) {
            int statements = 0;
            for (String table : List.of("cv_tracking", "cv_tracked_body")) {
                try (PreparedStatement delete = connection.prepareStatement("delete from " + table + " where id in "
                        + "(select id from " + table + " where recorded_at < ? fetch first " + PURGE_BATCH + " rows only)")) {
                    Sql.setInstant(delete, 1, cutoff);
                    int deleted;
                    do {
                        deleted = delete.executeUpdate();
                        purged += deleted;
                    } while (deleted == PURGE_BATCH && ++statements < PURGE_BATCHES_PER_CALL);
                }
            }
            return purged;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot purge message tracking (" + purged + " rows deleted)", e);
        }
    }

    private static final String BODY_COLUMNS = "message_id, part_index, part_name, content_type, charset, size_bytes, "
            + "octet_length(body_bytes) kept_bytes, recorded_at";

    private static TrackedBody trackedBody(ResultSet rows) throws SQLException {
        return new TrackedBody(rows.getString("message_id"), rows.getInt("part_index"), rows.getString("part_name"),
                rows.getString("content_type"), rows.getString("charset"), rows.getLong("size_bytes"),
                rows.getLong("kept_bytes"), Sql.getInstant(rows, "recorded_at"));
    }

    private static final String COLUMNS = "id, recorded_at, message_id, event, port_name, work_item_id, adapter_type, "
            + "address, outcome, detail, duration_ms";

    private List<TrackedEvent> select(FilteredSelect query, String orderBy, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = query.prepare(connection, orderBy, limit)) {
            List<TrackedEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long duration = rows.getLong("duration_ms");
                    Long durationMs = rows.wasNull() ? null : duration;
                    events.add(new TrackedEvent(rows.getLong("id"), Sql.getInstant(rows, "recorded_at"),
                            rows.getString("message_id"), TrackingEvent.valueOf(rows.getString("event")),
                            rows.getString("port_name"), Sql.getId(rows, "work_item_id"), rows.getString("adapter_type"),
                            rows.getString("address"), rows.getString("outcome"), rows.getString("detail"), durationMs));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot query message tracking", e);
        }
    }
}
