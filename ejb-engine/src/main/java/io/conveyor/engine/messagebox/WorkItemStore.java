package io.conveyor.engine.messagebox;

import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.StatusCode;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.failure.PropertiesToUpdate;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The work queue of the MessageBox: claims due work items for an adapter under a lease, and applies dispositions
 * (delete, resubmit, move to the backup transport, suspend) in batches, one transaction per call (design
 * principle 6). Every method joins the caller's transaction or starts its own.
 */
@ApplicationScoped
@Transactional
public class WorkItemStore {

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;

    /**
     * Claims up to {@code max} due work items of an adapter, highest priority and oldest first, and loads their
     * messages. Items another server claims at the same moment are skipped.
     */
    public List<Delivery> claim(String adapterType, int max, String owner, Instant now, Instant leaseUntil) {
        try (Connection connection = dataSource.getConnection()) {
            List<String> candidates = dueItems(connection, adapterType, max, now);
            if (candidates.isEmpty()) {
                return List.of();
            }
            String token = UUID.randomUUID().toString();
            List<String> claimed = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement("update cv_work_item set state = 'IN_PROCESS', "
                    + "lease_owner = ?, lease_token = ?, lease_expires_at = ?, attempt_count = attempt_count + 1 "
                    + "where id = ? and state = 'READY' and adapter_type = ? and next_attempt_at <= ?")) {
                for (String id : candidates) {
                    update.setString(1, owner);
                    update.setString(2, token);
                    Sql.setInstant(update, 3, leaseUntil);
                    update.setString(4, id);
                    update.setString(5, adapterType);
                    Sql.setInstant(update, 6, now);
                    update.addBatch();
                }
                int[] counts = update.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 1 || counts[i] == PreparedStatement.SUCCESS_NO_INFO) {
                        claimed.add(candidates.get(i));
                    }
                }
            }
            return load(connection, claimed);
        } catch (SQLException e) {
            throw new MessageBoxException("cannot claim work for adapter " + adapterType, e);
        }
    }

    /** Whether an adapter has any work due now (cheap; used before an adapter is created). */
    public boolean hasDueWork(String adapterType, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            return !dueItems(connection, adapterType, 1, now).isEmpty();
        } catch (SQLException e) {
            throw new MessageBoxException("cannot look for work for adapter " + adapterType, e);
        }
    }

    /**
     * Gives claimed items back without consuming an attempt (their adapter could not take them, or their service
     * window is closed), due again at {@code dueAt}.
     *
     * @param windowHold whether {@code dueAt} is the opening of the transport's service window, so that a change of
     *                   the window re-evaluates it
     */
    public void release(List<EngineMessage.Lease> leases, Instant dueAt, boolean windowHold) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update cv_work_item set state = 'READY', "
                     + "lease_owner = null, lease_token = null, lease_expires_at = null, "
                     + "attempt_count = attempt_count - 1, next_attempt_at = ?, window_hold = ? "
                     + "where id = ? and lease_token = ?")) {
            for (EngineMessage.Lease lease : leases) {
                Sql.setInstant(update, 1, dueAt);
                update.setBoolean(2, windowHold);
                update.setString(3, lease.workItemId());
                update.setString(4, lease.token());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new MessageBoxException("cannot release " + leases.size() + " work item(s)", e);
        }
    }

    /**
     * Points a claimed delivery at another adapter (its port changed while it waited) and makes it ready again at
     * once, without consuming an attempt.
     */
    public void reassign(EngineMessage.Lease lease, String adapterType, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update cv_work_item set state = 'READY', "
                     + "adapter_type = ?, lease_owner = null, lease_token = null, lease_expires_at = null, "
                     + "attempt_count = attempt_count - 1, next_attempt_at = ? where id = ? and lease_token = ?")) {
            update.setString(1, adapterType);
            Sql.setInstant(update, 2, now);
            update.setString(3, lease.workItemId());
            update.setString(4, lease.token());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new MessageBoxException("cannot reassign work item " + lease.workItemId(), e);
        }
    }

    /**
     * Applies dispositions atomically: either every one is valid and applied, or none is and the results say which
     * failed and why (the others are reported as innocent successes).
     *
     * @param owner this server; only work items it holds under a live lease can be disposed of
     */
    public List<DispositionResult> apply(List<Disposition> dispositions, String owner, Instant now) {
        return apply(dispositions, owner, now, true);
    }

    /**
     * Applies every valid disposition and skips the others (the engine's own outcomes: a message the adapter
     * already disposed of is left as the adapter left it).
     */
    public List<DispositionResult> applyEach(List<Disposition> dispositions, String owner, Instant now) {
        return apply(dispositions, owner, now, false);
    }

    private List<DispositionResult> apply(List<Disposition> dispositions, String owner, Instant now, boolean allOrNothing) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, WorkItem> items = WorkItemRows.lock(connection, dispositions.stream().map(Disposition::workItemId).toList());
            List<DispositionResult> results = validate(dispositions, items, owner);
            List<Disposition> valid = results.stream().filter(r -> r.status().isSuccess())
                    .map(DispositionResult::disposition).toList();
            if (!allOrNothing || valid.size() == dispositions.size()) {
                write(connection, valid, items, now);
            }
            return results;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot apply " + dispositions.size() + " disposition(s)", e);
        }
    }

    /**
     * Due work of an adapter: unordered items by priority and due time, plus the head of each ordered port whose head
     * is due and which has nothing in process (O1, O2): an earlier item still queued, waiting to retry, in process or
     * suspended resumable holds the rest of its port back (O4, O6).
     */
    private List<String> dueItems(Connection connection, String adapterType, int max, Instant now) throws SQLException {
        List<String> ids = new ArrayList<>();
        // One priority at a time, so each query is a range of cv_work_item_claim that ends at the first item not due:
        // items held for later (retries, closed service windows) are never read, however many there are. The equal
        // columns lead the order by, so H2 too reads the index in order and stops early.
        try (PreparedStatement select = connection.prepareStatement("select id from cv_work_item where adapter_type = ? "
                + "and state = 'READY' and ordered = false and priority = ? and next_attempt_at <= ? "
                + "order by adapter_type, state, ordered, priority, next_attempt_at fetch first ? rows only")) {
            for (int priority = SendPortDefinition.HIGHEST_PRIORITY; priority <= SendPortDefinition.LOWEST_PRIORITY
                    && ids.size() < max; priority++) {
                select.setString(1, adapterType);
                select.setInt(2, priority);
                Sql.setInstant(select, 3, now);
                select.setInt(4, max - ids.size());
                collect(select, ids);
            }
        }
        try (PreparedStatement heads = connection.prepareStatement("select w.id from cv_work_item w "
                + "where w.adapter_type = ? and w.state = 'READY' and w.ordered = true and w.next_attempt_at <= ? "
                + "and not exists (select 1 from cv_work_item x where x.port_id = w.port_id and x.seq < w.seq "
                + "and x.state in ('READY', 'IN_PROCESS', 'SUSPENDED')) "
                + "and not exists (select 1 from cv_work_item y where y.port_id = w.port_id and y.state = 'IN_PROCESS') "
                + "order by w.priority, w.seq fetch first ? rows only")) {
            heads.setString(1, adapterType);
            Sql.setInstant(heads, 2, now);
            heads.setInt(3, max);
            collect(heads, ids);
        }
        return ids;
    }

    private static void collect(PreparedStatement select, List<String> ids) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
    }

    /** Loads claimed work items with their messages, in the order they were claimed (priority first). */
    private List<Delivery> load(Connection connection, List<String> workItemIds) throws SQLException {
        List<Delivery> deliveries = new ArrayList<>();
        for (List<String> slice : Sql.slices(workItemIds)) {
            Map<String, WorkItem> items = new LinkedHashMap<>();
            Map<String, MessageRow> messageRows = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("select " + WorkItemRows.COLUMNS
                    + ", m.context, m.body_part_name from cv_work_item w join cv_message m on m.id = w.message_id "
                    + "where w.id in (" + Sql.placeholders(slice.size()) + ")")) {
                for (int i = 0; i < slice.size(); i++) {
                    select.setString(i + 1, slice.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        WorkItem item = WorkItemRows.read(rows);
                        items.put(item.id(), item);
                        messageRows.put(item.messageId(), new MessageRow(rows.getString("context"), rows.getString("body_part_name")));
                    }
                }
            }
            Map<String, Map<String, MessagePart>> parts = loadParts(connection, new ArrayList<>(messageRows.keySet()));
            for (String id : slice) {
                WorkItem item = items.get(id);
                MessageRow message = messageRows.get(item.messageId());
                EngineMessageContext context = new EngineMessageContext(ContextCodec.decode(message.context()));
                deliveries.add(new Delivery(item, EngineMessage.delivered(item.messageId(), context,
                        new EngineMessage.Lease(item.id(), item.leaseToken()), message.bodyPartName(),
                        parts.getOrDefault(item.messageId(), Map.of()))));
            }
        }
        return deliveries;
    }

    private Map<String, Map<String, MessagePart>> loadParts(Connection connection, List<String> messageIds)
            throws SQLException {
        Map<String, Map<String, MessagePart>> parts = new HashMap<>();
        if (messageIds.isEmpty()) {
            return parts;
        }
        try (PreparedStatement select = connection.prepareStatement("select p.message_id, p.part_index, p.part_name, "
                + "p.content_type, p.charset, p.size_bytes, p.chunk_count, c.data from cv_message_part p "
                + "left join cv_part_chunk c on c.message_id = p.message_id and c.part_index = p.part_index "
                + "and c.chunk_index = 0 and p.chunk_count = 1 where p.message_id in (" + Sql.placeholders(messageIds.size())
                + ") order by p.message_id, p.part_index")) {
            for (int i = 0; i < messageIds.size(); i++) {
                select.setString(i + 1, messageIds.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    PartRow row = new PartRow(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getLong(6), rows.getInt(7));
                    byte[] prefetched = row.chunkCount() == 1 ? rows.getBytes(8) : null;
                    parts.computeIfAbsent(row.messageId(), id -> new LinkedHashMap<>())
                            .put(row.name(), new StoredPart(row, prefetched, dataSource));
                }
            }
        }
        return parts;
    }

    private static List<DispositionResult> validate(List<Disposition> dispositions, Map<String, WorkItem> items, String owner) {
        List<DispositionResult> results = new ArrayList<>(dispositions.size());
        Set<String> disposed = new HashSet<>();
        for (Disposition disposition : dispositions) {
            WorkItem item = items.get(disposition.workItemId());
            results.add(validate(disposition, item, owner, disposed));
        }
        return results;
    }

    private static DispositionResult validate(Disposition disposition, WorkItem item, String owner, Set<String> disposed) {
        if (item == null) {
            return new DispositionResult(disposition, StatusCode.LEASE_LOST, "work item " + disposition.workItemId()
                    + " no longer exists: the message was already disposed of");
        }
        if (item.state() != WorkItemState.IN_PROCESS || !owner.equals(item.leaseOwner())
                || (disposition.leaseToken() != null && !disposition.leaseToken().equals(item.leaseToken()))) {
            return new DispositionResult(disposition, StatusCode.LEASE_LOST, "message " + item.messageId()
                    + " is not held by this delivery any more (state " + item.state() + ")");
        }
        if (!disposed.add(item.id())) {
            return new DispositionResult(disposition, StatusCode.INVALID_ARGUMENT, "message " + item.messageId()
                    + " has more than one disposition in the batch");
        }
        try {
            PropertiesToUpdate.parse(disposition.propertiesToUpdate());
        } catch (IllegalArgumentException e) {
            return new DispositionResult(disposition, StatusCode.INVALID_ARGUMENT, "message " + item.messageId()
                    + ": " + e.getMessage());
        }
        if (disposition.type() == OperationType.RESUBMIT && item.retriesLeft() <= 0) {
            return new DispositionResult(disposition, StatusCode.RETRIES_EXHAUSTED, "message " + item.messageId()
                    + " has no retry left on its " + item.transport().name().toLowerCase() + " transport");
        }
        if (disposition.type() == OperationType.MOVE_TO_NEXT_TRANSPORT
                && (disposition.backup() == null || item.transport() == TransportRole.BACKUP)) {
            return new DispositionResult(disposition, StatusCode.NO_BACKUP_TRANSPORT, item.transport() == TransportRole.BACKUP
                    ? "message " + item.messageId() + " is already on the backup transport of port " + item.portName()
                    : "send port " + item.portName() + " has no backup transport");
        }
        return DispositionResult.ok(disposition);
    }

    private void write(Connection connection, List<Disposition> dispositions, Map<String, WorkItem> items, Instant now)
            throws SQLException {
        List<Disposition> deletes = new ArrayList<>();
        try (PreparedStatement resubmit = connection.prepareStatement("update cv_work_item set state = 'READY', "
                + "next_attempt_at = ?, retries_left = retries_left - 1, lease_owner = null, lease_token = null, "
                + "lease_expires_at = null, interrupted_deliveries = 0, window_hold = false, error_text = ?, "
                + "error_adapter = ?, error_address = ?, properties_to_update = ? where id = ?");
             PreparedStatement move = connection.prepareStatement("update cv_work_item set state = 'READY', "
                     + "transport = 'BACKUP', adapter_type = ?, retries_left = ?, retry_interval = ?, attempt_count = 0, "
                     + "next_attempt_at = ?, lease_owner = null, lease_token = null, lease_expires_at = null, "
                     + "interrupted_deliveries = 0, window_hold = false, error_text = ?, error_adapter = ?, "
                     + "error_address = ?, properties_to_update = ? where id = ?");
             PreparedStatement suspend = connection.prepareStatement("update cv_work_item set state = ?, "
                     + "suspended_at = ?, lease_owner = null, lease_token = null, lease_expires_at = null, "
                     + "error_text = ?, error_adapter = ?, error_address = ?, properties_to_update = ? where id = ?")) {
            for (Disposition disposition : dispositions) {
                WorkItem item = items.get(disposition.workItemId());
                String propertiesToUpdate = PropertiesToUpdate.merge(item.propertiesToUpdate(), disposition.propertiesToUpdate());
                switch (disposition.type()) {
                    case DELETE -> deletes.add(disposition);
                    case RESUBMIT -> {
                        Sql.setInstant(resubmit, 1, disposition.resubmitAt());
                        setFailure(resubmit, 2, disposition.failure());
                        resubmit.setString(5, propertiesToUpdate);
                        resubmit.setString(6, item.id());
                        resubmit.addBatch();
                    }
                    case MOVE_TO_NEXT_TRANSPORT -> {
                        Disposition.BackupTransport backup = disposition.backup();
                        move.setString(1, backup.adapterType());
                        move.setInt(2, backup.retryCount());
                        move.setInt(3, backup.retryInterval());
                        Sql.setInstant(move, 4, now);
                        setFailure(move, 5, disposition.failure());
                        move.setString(8, propertiesToUpdate);
                        move.setString(9, item.id());
                        move.addBatch();
                    }
                    case MOVE_TO_SUSPEND_Q -> {
                        suspend.setString(1, (disposition.nonResumable() ? WorkItemState.SUSPENDED_NON_RESUMABLE
                                : WorkItemState.SUSPENDED).name());
                        Sql.setInstant(suspend, 2, now);
                        setFailure(suspend, 3, disposition.failure());
                        suspend.setString(6, propertiesToUpdate);
                        suspend.setString(7, item.id());
                        suspend.addBatch();
                    }
                    case SUBMIT -> throw new IllegalArgumentException("submissions are published, not disposed of");
                }
            }
            Sql.expectOneRowEach(resubmit.executeBatch(), "resubmit");
            Sql.expectOneRowEach(move.executeBatch(), "move to backup transport");
            Sql.expectOneRowEach(suspend.executeBatch(), "suspend");
        }
        WorkItemDeletion.delete(connection, deletes.stream()
                .map(d -> new WorkItemDeletion.Target(d.workItemId(), d.messageId())).toList());
    }

    private static void setFailure(PreparedStatement statement, int firstIndex, Disposition.FailureInfo failure)
            throws SQLException {
        statement.setString(firstIndex, failure == null ? null : truncate(failure.text(), 4000));
        statement.setString(firstIndex + 1, failure == null ? null : failure.adapter());
        statement.setString(firstIndex + 2, failure == null ? null : truncate(failure.address(), 2048));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** The columns of {@code cv_message} a delivery needs. */
    private record MessageRow(String context, String bodyPartName) {
    }
}
