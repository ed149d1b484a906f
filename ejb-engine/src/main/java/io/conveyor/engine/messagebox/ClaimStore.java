package io.conveyor.engine.messagebox;

import io.conveyor.adapter.MessagePart;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Claims in the MessageBox: due work items taken for an adapter under a lease, with their messages, and claimed items
 * given back. This is the way to delivery for what the in-memory hand-off does not carry: retries, messages held for
 * a service window, ordered ports, backlogs, and work left by a restart or by another server. One transaction per
 * call, joining the caller's if there is one.
 */
@ApplicationScoped
@Transactional
public class ClaimStore {

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;
    @Inject
    WorkItemIds ids;

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
            String token = ids.next();
            // one statement for the whole claim, by identity (the primary key) and state; a candidate another server
            // took meanwhile is skipped, one retargeted or held for its window is caught when its delivery is checked
            try (PreparedStatement update = connection.prepareStatement("update cv_work_item set state = 'IN_PROCESS', "
                    + "lease_owner = ?, lease_token = ?, lease_expires_at = ?, attempt_count = attempt_count + 1 "
                    + "where id = any(?) and state = 'READY'")) {
                update.setString(1, owner);
                Sql.setId(update, 2, token);
                Sql.setInstant(update, 3, leaseUntil);
                Sql.setIds(update, 4, candidates);
                update.executeUpdate();
            }
            List<Delivery> deliveries = load(connection, candidates, token);
            BacklogChanges changes = new BacklogChanges();
            deliveries.forEach(d -> changes.moved(d.workItem().portId(), WorkItemState.READY, WorkItemState.IN_PROCESS));
            changes.write(connection);
            return deliveries;
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
     * Gives claimed or handed-off deliveries back without consuming an attempt (their adapter could not take them, or
     * their service window is closed), due again at {@code dueAt}; those no longer held under their lease are left.
     *
     * @param windowHold whether {@code dueAt} is the opening of the transport's service window, so that a change of
     *                   the window re-evaluates it
     */
    public void release(List<Delivery> deliveries, Instant dueAt, boolean windowHold) {
        requeue(deliveries, "next_attempt_at = ?, window_hold = ?", update -> {
            Sql.setInstant(update, 1, dueAt);
            update.setBoolean(2, windowHold);
        });
    }

    /**
     * Points a claimed delivery at another adapter (its port changed while it waited) and makes it ready again at
     * once, without consuming an attempt.
     */
    public void reassign(Delivery delivery, String adapterType, Instant now) {
        requeue(List.of(delivery), "adapter_type = ?, next_attempt_at = ?", update -> {
            update.setString(1, adapterType);
            Sql.setInstant(update, 2, now);
        });
    }

    /** Binds the first parameters of a requeueing update, those its {@code set} clause adds. */
    @FunctionalInterface
    private interface SetClause {
        void bind(PreparedStatement update) throws SQLException;
    }

    private void requeue(List<Delivery> deliveries, String set, SetClause clause) {
        int first = (int) set.chars().filter(c -> c == '?').count() + 1;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update cv_work_item set state = 'READY', "
                     + "lease_owner = null, lease_token = null, lease_expires_at = null, "
                     + "attempt_count = attempt_count - 1, " + set + " where id = ? and lease_token = ?")) {
            for (Delivery delivery : deliveries) {
                clause.bind(update);
                Sql.setId(update, first, delivery.message().lease().workItemId());
                Sql.setId(update, first + 1, delivery.message().lease().token());
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            BacklogChanges changes = new BacklogChanges();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1 || counts[i] == PreparedStatement.SUCCESS_NO_INFO) {
                    changes.moved(deliveries.get(i).workItem().portId(), WorkItemState.IN_PROCESS, WorkItemState.READY);
                }
            }
            changes.write(connection);
        } catch (SQLException e) {
            throw new MessageBoxException("cannot queue " + deliveries.size() + " work item(s) again", e);
        }
    }

    /**
     * Due work of an adapter, at most {@code max} items: unordered items by priority and due time, and with what room
     * is left, the head of each ordered port whose head is due and which has nothing in process (O1, O2): an earlier
     * item still queued, waiting to retry, in process or suspended resumable holds the rest of its port back (O4, O6).
     */
    private static List<String> dueItems(Connection connection, String adapterType, int max, Instant now)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        // One priority at a time, so each query is a range of cv_work_item_claim that ends at the first item not due:
        // items held for later (retries, closed service windows) are never read, however many there are. The equal
        // columns lead the order by, so H2 too reads the index in order and stops early.
        try (PreparedStatement select = connection.prepareStatement("select id from cv_work_item where adapter_type = ? "
                + "and state = 'READY' and ordered = false and priority = ? and next_attempt_at <= ? "
                + "order by adapter_type, state, ordered, priority, next_attempt_at fetch first ? rows only")) {
            for (int priority = WorkItem.HIGHEST_PRIORITY; priority <= WorkItem.LOWEST_PRIORITY
                    && ids.size() < max; priority++) {
                select.setString(1, adapterType);
                select.setInt(2, priority);
                Sql.setInstant(select, 3, now);
                select.setInt(4, max - ids.size());
                collect(select, ids);
            }
        }
        if (ids.size() == max) {
            return ids;
        }
        try (PreparedStatement heads = connection.prepareStatement("select w.id from cv_work_item w "
                + "where w.adapter_type = ? and w.state = 'READY' and w.ordered = true and w.next_attempt_at <= ? "
                + "and not exists (select 1 from cv_work_item x where x.port_id = w.port_id and x.id < w.id "
                + "and x.state in ('READY', 'IN_PROCESS', 'SUSPENDED')) "
                + "and not exists (select 1 from cv_work_item y where y.port_id = w.port_id and y.state = 'IN_PROCESS') "
                + "order by w.priority, w.id fetch first ? rows only")) {
            heads.setString(1, adapterType);
            Sql.setInstant(heads, 2, now);
            heads.setInt(3, max - ids.size());
            collect(heads, ids);
        }
        return ids;
    }

    private static void collect(PreparedStatement select, List<String> ids) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(Long.toString(rows.getLong(1)));
            }
        }
    }

    /**
     * Loads the work items this claim took (those of the candidates now under its token) with their messages, in the
     * order of the candidates (priority first): a message held
     * inline comes with its row; one in {@code cv_message} with its context, and its parts (the first chunk of a
     * one-chunk part prefetched, larger ones read as the adapter pulls them).
     */
    private List<Delivery> load(Connection connection, List<String> candidates, String token) throws SQLException {
        Map<String, WorkItem> items = new HashMap<>();
        Map<String, Message> messages = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select " + WorkItemRows.COLUMNS
                + ", coalesce(w.context, m.context) as message_context, coalesce(w.body_part_name, m.body_part_name) "
                + "as message_body_part, w.body, w.content_type, w.charset from cv_work_item w "
                + "left join cv_message m on w.context is null and m.id = w.message_id "
                + "where w.id = any(?) and w.lease_token = ?")) {
            Sql.setIds(select, 1, candidates);
            Sql.setId(select, 2, token);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    WorkItem item = WorkItemRows.read(rows);
                    items.put(item.id(), item);
                    messages.put(item.id(), new Message(rows.getString("message_context"),
                            rows.getString("message_body_part"), rows.getBytes("body"), rows.getString("content_type"),
                            rows.getString("charset")));
                }
            }
        }
        List<String> stored = items.values().stream().filter(item -> !item.inline()).map(WorkItem::messageId)
                .distinct().toList();
        Map<String, Map<String, MessagePart>> storedParts = StoredParts.load(connection, dataSource, stored);
        List<Delivery> deliveries = new ArrayList<>(items.size());
        for (String id : candidates) {
            WorkItem item = items.get(id);
            if (item == null) {
                continue;
            }
            Message message = messages.get(id);
            Map<String, MessagePart> parts = item.inline()
                    ? Map.of(message.bodyPartName(), ContentPart.of(message.body(), message.contentType(), message.charset()))
                    : storedParts.getOrDefault(item.messageId(), new LinkedHashMap<>());
            deliveries.add(new Delivery(item, EngineMessage.delivered(item.messageId(),
                    new EngineMessageContext(ContextCodec.decode(message.context())),
                    new EngineMessage.Lease(item.id(), item.leaseToken(), item.portId()), message.bodyPartName(), parts)));
        }
        return deliveries;
    }

    /** The message columns of a claimed row: inline ones, or the context and body part name of its cv_message row. */
    private record Message(String context, String bodyPartName, byte[] body, String contentType, String charset) {
    }
}
