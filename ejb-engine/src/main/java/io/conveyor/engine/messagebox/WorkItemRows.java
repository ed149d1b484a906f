package io.conveyor.engine.messagebox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@link WorkItem}s from result sets of {@code select ... from cv_work_item w}. */
final class WorkItemRows {

    static final String COLUMNS = "w.id, w.message_id, w.port_id, w.port_name, w.transport, w.adapter_type, w.state, "
            + "w.priority, w.next_attempt_at, w.retries_left, w.retry_interval, w.attempt_count, w.lease_owner, "
            + "w.lease_token, w.lease_expires_at, w.properties_to_update, w.error_text, w.error_adapter, "
            + "w.error_address, w.suspended_at, w.created_at, w.ordered, w.address, "
            + "case when w.context is null then false else true end as inline_message";

    private WorkItemRows() {
    }

    static WorkItem read(ResultSet rows) throws SQLException {
        String id = Sql.getId(rows, "id");
        return new WorkItem(id, rows.getString("message_id"), rows.getString("port_id"),
                rows.getString("port_name"), TransportRole.valueOf(rows.getString("transport")),
                rows.getString("adapter_type"), WorkItemState.valueOf(rows.getString("state")), rows.getInt("priority"),
                Sql.getInstant(rows, "next_attempt_at"), rows.getInt("retries_left"), rows.getInt("retry_interval"),
                rows.getInt("attempt_count"), rows.getString("lease_owner"), Sql.getId(rows, "lease_token"),
                Sql.getInstant(rows, "lease_expires_at"), rows.getString("properties_to_update"),
                rows.getString("error_text"), rows.getString("error_adapter"), rows.getString("error_address"),
                Sql.getInstant(rows, "suspended_at"), Sql.getInstant(rows, "created_at"), Long.parseLong(id),
                rows.getBoolean("ordered"), rows.getString("address"), rows.getBoolean("inline_message"));
    }

    /**
     * Reads and row-locks the given work items, in identity order (so concurrent lockers cannot deadlock). Texts that
     * cannot be identities name no work item and are absent from the answer.
     */
    static Map<String, WorkItem> lock(Connection connection, Collection<String> workItemIds) throws SQLException {
        Map<String, WorkItem> items = new HashMap<>();
        List<String> ids = workItemIds.stream().filter(Sql::isId).distinct().toList();
        if (ids.isEmpty()) {
            return items;
        }
        try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from cv_work_item w "
                + "where w.id = any(?) order by w.id for update")) {
            Sql.setIds(select, 1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    WorkItem item = read(rows);
                    items.put(item.id(), item);
                }
            }
        }
        return items;
    }
}
