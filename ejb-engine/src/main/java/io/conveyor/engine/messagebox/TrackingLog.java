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
import javax.sql.DataSource;

/**
 * Reads and purges message tracking ({@code cv_tracking}). The events are written by the MessageBox stores in the
 * transactions that make them happen (publication, dispositions, resume and terminate); see decision 35 in
 * {@code docs/decisions.md}.
 */
@Stateless
public class TrackingLog {

    /** Rows deleted by one statement of the purge. */
    public static final int PURGE_BATCH = 5_000;
    /** Statements of one purge call at most; what is left goes with the next call. */
    public static final int PURGE_BATCHES_PER_CALL = 20;

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;

    /** Filters of a tracking query; {@code null} fields do not filter. {@code from} is inclusive, {@code to} not. */
    public record Query(String messageId, String portName, TrackingEvent event, Instant from, Instant to, int limit) {
    }

    /** Events matching the query, newest first. */
    public List<TrackedEvent> find(Query query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from cv_tracking where 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (query.messageId() != null) {
            sql.append(" and message_id = ?");
            parameters.add(query.messageId());
        }
        if (query.portName() != null) {
            sql.append(" and port_name = ?");
            parameters.add(query.portName());
        }
        if (query.event() != null) {
            sql.append(" and event = ?");
            parameters.add(query.event().name());
        }
        if (query.from() != null) {
            sql.append(" and recorded_at >= ?");
            parameters.add(query.from());
        }
        if (query.to() != null) {
            sql.append(" and recorded_at < ?");
            parameters.add(query.to());
        }
        sql.append(" order by recorded_at desc, id desc fetch first ")
                .append(Math.max(1, Math.min(query.limit(), MessageBoxQueries.MAX_ROWS))).append(" rows only");
        return select(sql.toString(), parameters);
    }

    /**
     * A message's events in the order they happened (at most {@link MessageBoxQueries#MAX_ROWS}), also once the
     * message has left the MessageBox.
     */
    public List<TrackedEvent> history(String messageId) {
        return select("select " + COLUMNS + " from cv_tracking where message_id = ? order by id fetch first "
                + MessageBoxQueries.MAX_ROWS + " rows only", List.of(messageId));
    }

    /**
     * Deletes events recorded before {@code cutoff}: at most {@link #PURGE_BATCH} rows per statement, each statement
     * in a transaction of its own (no purge holds many locks or a long transaction), and at most
     * {@link #PURGE_BATCHES_PER_CALL} statements (the supervisor calling it has other work; the rest goes next time).
     * Returns how many went.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long purge(Instant cutoff) {
        long purged = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from cv_tracking where id in (select id from "
                     + "cv_tracking where recorded_at < ? fetch first " + PURGE_BATCH + " rows only)")) {
            Sql.setInstant(delete, 1, cutoff);
            int deleted;
            int statements = 0;
            do {
                deleted = delete.executeUpdate();
                purged += deleted;
            } while (deleted == PURGE_BATCH && ++statements < PURGE_BATCHES_PER_CALL);
            return purged;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot purge message tracking (" + purged + " rows deleted)", e);
        }
    }

    private static final String COLUMNS = "id, recorded_at, message_id, event, port_name, work_item_id, adapter_type, "
            + "address, outcome, detail, duration_ms";

    private List<TrackedEvent> select(String sql, List<Object> parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                if (parameters.get(i) instanceof Instant instant) {
                    Sql.setInstant(select, i + 1, instant);
                } else {
                    select.setString(i + 1, (String) parameters.get(i));
                }
            }
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
