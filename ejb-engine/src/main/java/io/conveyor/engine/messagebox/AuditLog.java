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
 * The audit trail of administrative changes in the MessageBox ({@code cv_audit}). A row is written in the transaction
 * of the change it records ({@link #record} requires one), so a change that rolls back leaves no row and a committed
 * change always has one. Rows are read newest first and deleted once older than the retention time.
 */
@Stateless
public class AuditLog {

    /** Longest actor name kept; a longer one is cut. */
    public static final int MAX_ACTOR_LENGTH = 256;
    /** Longest target kept; a longer one is cut, ending in "…". */
    public static final int MAX_TARGET_LENGTH = 1024;

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;

    /** Filters of an audit query; {@code null} fields do not filter. {@code since} is inclusive, {@code until} not. */
    public record Query(String actor, AuditAction action, String target, Instant since, Instant until, int limit) {
    }

    /** Writes one row in the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(Instant at, String actor, AuditAction action, String target, String details) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into cv_audit "
                     + "(recorded_at, actor, action, target, details) values (?, ?, ?, ?, ?)")) {
            Sql.setInstant(insert, 1, at);
            insert.setString(2, cut(actor, MAX_ACTOR_LENGTH));
            insert.setString(3, action.name());
            insert.setString(4, cut(target, MAX_TARGET_LENGTH));
            insert.setString(5, details);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new MessageBoxException("cannot record " + action + " of " + target + " in the audit trail", e);
        }
    }

    /** Rows matching the query, newest first. */
    public List<AuditEntry> find(Query query) {
        FilteredSelect select = new FilteredSelect("select id, recorded_at, actor, action, target, details from cv_audit "
                + "where 1 = 1")
                .and("actor = ?", query.actor())
                .and("action = ?", query.action() == null ? null : query.action().name())
                .and("target = ?", query.target())
                .and("recorded_at >= ?", query.since())
                .and("recorded_at < ?", query.until());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = select.prepare(connection, "recorded_at desc, id desc", query.limit())) {
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entries.add(new AuditEntry(rows.getLong("id"), Sql.getInstant(rows, "recorded_at"),
                            rows.getString("actor"), AuditAction.valueOf(rows.getString("action")),
                            rows.getString("target"), rows.getString("details")));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot query the audit trail", e);
        }
    }

    /** Deletes the rows recorded before {@code cutoff}; returns how many went. */
    public int purge(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from cv_audit where recorded_at < ?")) {
            Sql.setInstant(delete, 1, cutoff);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new MessageBoxException("cannot purge the audit trail", e);
        }
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
