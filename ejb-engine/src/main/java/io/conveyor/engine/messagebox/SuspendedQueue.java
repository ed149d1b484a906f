package io.conveyor.engine.messagebox;

import io.conveyor.engine.runtime.EngineMetrics;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The suspended queue in the MessageBox (send-adapter contract §8.5 in {@code docs/send-adapter-contract.md}): finding
 * suspended work items, resuming the resumable ones, terminating any of them. Each call is one transaction.
 */
@Stateless
public class SuspendedQueue {

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;
    @Inject
    EngineMetrics metrics;
    @Inject
    TrackedPorts trackedPorts;

    /** Filters of a suspended-queue query; {@code null} fields do not filter. */
    public record Query(String portName, String adapterType, String errorContains, Instant suspendedFrom,
                        Instant suspendedTo, int limit) {
    }

    /** Where a resumed work item goes: its port's primary transport as configured now. */
    public record ResumeTarget(String adapterType, int retryCount, int retryInterval) {
    }

    /**
     * What an operator action did to one work item.
     *
     * @param portName the work item's send port; {@code null} when there is no such work item
     */
    public record ControlResult(String workItemId, String portName, boolean applied, String reason) {
    }

    /** Suspended work items (resumable or not), most recently suspended first. */
    public List<WorkItem> find(Query query) {
        return select(query, null, "w.suspended_at desc");
    }

    /**
     * A page of the suspended work items a query matches, in the order of their identities: those after
     * {@code afterId} ({@code null}: from the first), at most the query's limit.
     */
    public List<WorkItem> findAfter(Query query, String afterId) {
        return select(query, afterId == null ? null : Long.valueOf(afterId), "w.id");
    }

    /** How many suspended work items the query matches (its limit ignored). */
    public long count(Query query) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = filtered("select count(*) from cv_work_item w", query, null)
                     .prepare(connection);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new MessageBoxException("cannot count the suspended queue", e);
        }
    }

    private static FilteredSelect filtered(String select, Query query, Long afterId) {
        return new FilteredSelect(select + " where w.state in ('SUSPENDED', 'SUSPENDED_NON_RESUMABLE')")
                .and("w.port_name = ?", query.portName())
                .and("upper(w.error_adapter) = upper(?)", query.adapterType())
                .and("lower(w.error_text) like ? escape '\\'", query.errorContains() == null ? null
                        : "%" + likeLiteral(query.errorContains().toLowerCase(Locale.ROOT)) + "%")
                .and("w.suspended_at >= ?", query.suspendedFrom())
                .and("w.suspended_at < ?", query.suspendedTo())
                .and("w.id > ?", afterId);
    }

    private List<WorkItem> select(Query query, Long afterId, String orderBy) {
        FilteredSelect select = filtered("select " + WorkItemRows.COLUMNS + " from cv_work_item w", query, afterId);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = select.prepare(connection, orderBy, query.limit())) {
            List<WorkItem> items = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(WorkItemRows.read(rows));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot query the suspended queue", e);
        }
    }

    /** {@code text} matched literally by {@code like ... escape '\'}: its {@code %}, {@code _} and {@code \} escaped. */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * Resumes resumable suspended work items: each goes back to its port's primary transport with a fresh retry
     * budget, due now, its {@code PropertiesToUpdate} kept. Non-resumable ones are refused (A4).
     *
     * @param targets where each suspended work item goes; {@code null} when its port is gone
     */
    public List<ControlResult> resume(List<String> workItemIds, Function<WorkItem, ResumeTarget> targets, Instant now) {
        try (Connection connection = dataSource.getConnection();
             TrackingWriter tracking = new TrackingWriter(connection, now)) {
            Map<String, WorkItem> items = WorkItemRows.lock(connection, workItemIds);
            List<ControlResult> results = new ArrayList<>();
            BacklogChanges changes = new BacklogChanges();
            try (PreparedStatement update = connection.prepareStatement("update cv_work_item set state = 'READY', "
                    + "transport = 'PRIMARY', adapter_type = ?, retries_left = ?, retry_interval = ?, attempt_count = 0, "
                    + "next_attempt_at = ?, suspended_at = null, interrupted_deliveries = 0, window_hold = false "
                    + "where id = ? and state = 'SUSPENDED'")) {
                for (String id : workItemIds) {
                    WorkItem item = items.get(id);
                    String refusal = refusal(item, true);
                    ResumeTarget target = refusal == null ? targets.apply(item) : null;
                    if (refusal == null && target == null) {
                        refusal = "send port " + item.portName() + " no longer exists; terminate the message";
                    }
                    if (refusal != null) {
                        results.add(new ControlResult(id, item == null ? null : item.portName(), false, refusal));
                        continue;
                    }
                    update.setString(1, target.adapterType());
                    update.setInt(2, target.retryCount());
                    update.setInt(3, target.retryInterval());
                    Sql.setInstant(update, 4, now);
                    Sql.setId(update, 5, id);
                    update.addBatch();
                    changes.moved(item.portId(), WorkItemState.SUSPENDED, WorkItemState.READY);
                    metrics.resumed(item.portId(), item.portName(), item.adapterType());
                    track(tracking, item, TrackingEvent.RESUMED, target.adapterType(), "on the primary transport");
                    results.add(new ControlResult(id, item.portName(), true, ""));
                }
                Sql.expectOneRowEach(update.executeBatch(), "resume");
            }
            changes.write(connection);
            tracking.flush();
            return results;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot resume " + workItemIds.size() + " work item(s)", e);
        }
    }

    /** Terminates suspended work items, resumable or not: they are removed, with their message if it was the last. */
    public List<ControlResult> terminate(List<String> workItemIds, Instant now) {
        try (Connection connection = dataSource.getConnection();
             TrackingWriter tracking = new TrackingWriter(connection, now)) {
            Map<String, WorkItem> items = WorkItemRows.lock(connection, workItemIds);
            List<ControlResult> results = new ArrayList<>();
            List<WorkItemDeletion.Target> targets = new ArrayList<>();
            BacklogChanges changes = new BacklogChanges();
            for (String id : workItemIds) {
                WorkItem item = items.get(id);
                String refusal = refusal(item, false);
                results.add(new ControlResult(id, item == null ? null : item.portName(), refusal == null,
                        refusal == null ? "" : refusal));
                if (refusal == null) {
                    targets.add(new WorkItemDeletion.Target(id, item.messageId(), item.inline()));
                    changes.add(item.portId(), item.state(), -1);
                    metrics.terminated(item.portId(), item.portName(), item.adapterType());
                    track(tracking, item, TrackingEvent.TERMINATED, item.adapterType(), null);
                }
            }
            WorkItemDeletion.delete(connection, targets);
            changes.write(connection);
            tracking.flush();
            return results;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot terminate " + workItemIds.size() + " work item(s)", e);
        }
    }

    private void track(TrackingWriter tracking, WorkItem item, TrackingEvent event, String adapterType, String detail)
            throws SQLException {
        if (trackedPorts.trackingOf(item.portId()) != TrackingLevel.OFF) {
            tracking.delivery(item.messageId(), event, item.portName(), item.id(), adapterType, detail);
        }
    }

    private static String refusal(WorkItem item, boolean resuming) {
        if (item == null) {
            return "no such work item (already resumed, terminated or delivered?)";
        }
        if (item.state() == WorkItemState.SUSPENDED_NON_RESUMABLE && resuming) {
            return "suspended as non-resumable: it can only be terminated";
        }
        if (item.state() != WorkItemState.SUSPENDED && item.state() != WorkItemState.SUSPENDED_NON_RESUMABLE) {
            return "not suspended (state " + item.state() + ")";
        }
        return null;
    }
}
