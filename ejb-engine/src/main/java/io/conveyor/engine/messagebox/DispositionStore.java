package io.conveyor.engine.messagebox;

import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.StatusCode;
import io.conveyor.engine.runtime.EngineMetrics;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Dispositions of delivered work items (delete, resubmit, move to the backup transport, suspend), many per
 * transaction, joining the caller's transaction or starting its own.
 *
 * <p>The common case, deleting delivered messages held inline, takes two statements whatever the number of messages
 * (their texts never change): the rows still in process under this server's lease are locked and read, then deleted.
 * What it does not settle (a message stored in {@code cv_message}, a lease no longer held, a work item named twice, any
 * other disposition) is then locked, validated and written operation by operation, as a whole: either every
 * disposition is valid and applied, or the results say which failed and why.
 */
@ApplicationScoped
@Transactional
public class DispositionStore {

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;
    @Inject
    EngineMetrics metrics;
    @Inject
    TrackedPorts trackedPorts;
    @Inject
    LeaseKeeper leases;

    /**
     * Applies dispositions atomically: either every one is valid and applied, or none is and the results say which
     * failed and why (the others are reported as innocent successes). When one fails, the caller must roll its
     * transaction back: deletions made on the common path are part of it.
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
        try (Connection connection = dataSource.getConnection();
             TrackingWriter tracking = new TrackingWriter(connection, now)) {
            boolean[] deleted = deleteInline(connection, dispositions, owner, tracking);
            List<Disposition> rest = new ArrayList<>();
            for (int i = 0; i < dispositions.size(); i++) {
                if (!deleted[i]) {
                    rest.add(dispositions.get(i));
                }
            }
            List<DispositionResult> checked = List.of();
            if (!rest.isEmpty()) {
                Map<String, WorkItem> items = WorkItemRows.lock(connection, rest.stream().map(Disposition::workItemId).toList());
                checked = validate(rest, items, owner);
                List<Disposition> valid = checked.stream().filter(r -> r.status().isSuccess())
                        .map(DispositionResult::disposition).toList();
                if (!allOrNothing || valid.size() == rest.size()) {
                    write(connection, valid, items, now, tracking);
                }
            }
            tracking.flush();
            List<DispositionResult> results = new ArrayList<>(dispositions.size());
            Iterator<DispositionResult> others = checked.iterator();
            for (int i = 0; i < dispositions.size(); i++) {
                results.add(deleted[i] ? DispositionResult.ok(dispositions.get(i)) : others.next());
            }
            return results;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot apply " + dispositions.size() + " disposition(s)", e);
        }
    }

    /**
     * The common path: deletes the inline work items whose deletion is asked once in this call under a lease token,
     * and which this server still holds under that lease: two statements (lock and read, then delete) whatever their
     * number. Returns, per disposition, whether it settled it.
     */
    private boolean[] deleteInline(Connection connection, List<Disposition> dispositions, String owner,
                                   TrackingWriter tracking) throws SQLException {
        Map<String, Long> named = dispositions.stream()
                .collect(Collectors.groupingBy(Disposition::workItemId, Collectors.counting()));
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < dispositions.size(); i++) {
            Disposition d = dispositions.get(i);
            if (d.type() == OperationType.DELETE && named.get(d.workItemId()) == 1 && Sql.isId(d.workItemId())
                    && Sql.isId(d.leaseToken()) && d.portId() != null) {
                candidates.add(i);
            }
        }
        boolean[] deleted = new boolean[dispositions.size()];
        if (candidates.isEmpty()) {
            return deleted;
        }
        Map<String, String> held = new HashMap<>();
        Map<String, HeldInline> delivered = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select id, lease_token, adapter_type, port_name, "
                + "transport, address from cv_work_item "
                + "where id = any(?) and state = 'IN_PROCESS' and lease_owner = ? and context is not null for update")) {
            Sql.setIds(select, 1, candidates.stream().map(index -> dispositions.get(index).workItemId()).toList());
            select.setString(2, owner);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    held.put(Sql.getId(rows, "id"), Sql.getId(rows, "lease_token"));
                    delivered.put(Sql.getId(rows, "id"), new HeldInline(rows.getString("adapter_type"),
                            rows.getString("port_name"), TransportRole.valueOf(rows.getString("transport")),
                            rows.getString("address")));
                }
            }
        }
        List<String> deletable = new ArrayList<>();
        BacklogChanges changes = new BacklogChanges();
        for (int index : candidates) {
            Disposition disposition = dispositions.get(index);
            if (disposition.leaseToken().equals(held.get(disposition.workItemId()))) {
                deleted[index] = true;
                deletable.add(disposition.workItemId());
                changes.add(disposition.portId(), WorkItemState.IN_PROCESS, -1);
                HeldInline item = delivered.get(disposition.workItemId());
                metrics.delivered(disposition.portId(), null, item.adapterType(), disposition.messageId());
                if (trackedPorts.trackingOf(disposition.portId()) != TrackingLevel.OFF) {
                    trackDelivered(tracking, disposition, item.portName(), item.adapterType(),
                            address(disposition.portId(), item.transport(), item.address()));
                }
            }
        }
        if (!deletable.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("delete from cv_work_item where id = any(?)")) {
                Sql.setIds(delete, 1, deletable);
                delete.executeUpdate();
            }
            changes.write(connection);
        }
        return deleted;
    }

    /** What the common path reads of an inline work item as it locks it: for the metrics and tracking. */
    private record HeldInline(String adapterType, String portName, TransportRole transport, String address) {
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

    private void write(Connection connection, List<Disposition> dispositions, Map<String, WorkItem> items, Instant now,
                       TrackingWriter tracking) throws SQLException {
        List<Disposition> deletes = new ArrayList<>();
        BacklogChanges changes = new BacklogChanges();
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
                changes.add(item.portId(), item.state(), -1);
                if (disposition.type() == OperationType.DELETE) {
                    metrics.delivered(item.portId(), item.portName(), item.adapterType(), item.messageId());
                } else {
                    metrics.failed(item.portId(), item.portName(), item.adapterType(),
                            disposition.type() == OperationType.MOVE_TO_SUSPEND_Q);
                }
                if (trackedPorts.trackingOf(item.portId()) != TrackingLevel.OFF) {
                    track(tracking, disposition, item);
                }
                String propertiesToUpdate = PropertiesToUpdate.merge(item.propertiesToUpdate(), disposition.propertiesToUpdate());
                switch (disposition.type()) {
                    case DELETE -> deletes.add(disposition);
                    case RESUBMIT -> {
                        Sql.setInstant(resubmit, 1, disposition.resubmitAt());
                        setFailure(resubmit, 2, disposition.failure());
                        resubmit.setString(5, propertiesToUpdate);
                        Sql.setId(resubmit, 6, item.id());
                        resubmit.addBatch();
                        changes.add(item.portId(), WorkItemState.READY, 1);
                    }
                    case MOVE_TO_NEXT_TRANSPORT -> {
                        Disposition.BackupTransport backup = disposition.backup();
                        move.setString(1, backup.adapterType());
                        move.setInt(2, backup.retryCount());
                        move.setInt(3, backup.retryInterval());
                        Sql.setInstant(move, 4, now);
                        setFailure(move, 5, disposition.failure());
                        move.setString(8, propertiesToUpdate);
                        Sql.setId(move, 9, item.id());
                        move.addBatch();
                        changes.add(item.portId(), WorkItemState.READY, 1);
                    }
                    case MOVE_TO_SUSPEND_Q -> {
                        WorkItemState suspended = disposition.nonResumable() ? WorkItemState.SUSPENDED_NON_RESUMABLE
                                : WorkItemState.SUSPENDED;
                        suspend.setString(1, suspended.name());
                        changes.add(item.portId(), suspended, 1);
                        Sql.setInstant(suspend, 2, now);
                        setFailure(suspend, 3, disposition.failure());
                        suspend.setString(6, propertiesToUpdate);
                        Sql.setId(suspend, 7, item.id());
                        suspend.addBatch();
                    }
                    case SUBMIT -> throw new IllegalArgumentException("submissions are published, not disposed of");
                }
            }
            Sql.expectOneRowEach(resubmit.executeBatch(), "resubmit");
            Sql.expectOneRowEach(move.executeBatch(), "move to backup transport");
            Sql.expectOneRowEach(suspend.executeBatch(), "suspend");
        }
        changes.write(connection);
        WorkItemDeletion.delete(connection, deletes.stream()
                .map(d -> new WorkItemDeletion.Target(d.workItemId(), d.messageId(), items.get(d.workItemId()).inline()))
                .toList());
    }

    /** The attempt a disposition reports, and what became of the delivery. */
    private void track(TrackingWriter tracking, Disposition disposition, WorkItem item) throws SQLException {
        if (disposition.type() == OperationType.DELETE) {
            trackDelivered(tracking, disposition, item.portName(), item.adapterType(),
                    address(item.portId(), item.transport(), item.address()));
            return;
        }
        Disposition.FailureInfo failure = disposition.failure();
        String adapter = failure == null || failure.adapter() == null ? item.adapterType() : failure.adapter();
        String address = failure == null || failure.address() == null
                ? address(item.portId(), item.transport(), item.address()) : failure.address();
        tracking.failedAttempt(item.messageId(), item.portName(), item.id(), adapter, address,
                failure == null ? null : failure.text(), durationMs(item.id(), tracking));
        switch (disposition.type()) {
            case RESUBMIT -> tracking.delivery(item.messageId(), TrackingEvent.RETRY_SCHEDULED, item.portName(), item.id(),
                    item.adapterType(), "next attempt at " + disposition.resubmitAt() + ", " + (item.retriesLeft() - 1)
                            + " retries left after it");
            case MOVE_TO_NEXT_TRANSPORT -> tracking.delivery(item.messageId(), TrackingEvent.MOVED_TO_BACKUP,
                    item.portName(), item.id(), disposition.backup().adapterType(),
                    "to the backup transport (" + disposition.backup().adapterType() + ")");
            case MOVE_TO_SUSPEND_Q -> tracking.delivery(item.messageId(), TrackingEvent.SUSPENDED, item.portName(),
                    item.id(), item.adapterType(), (disposition.nonResumable() ? "non-resumable: " : "resumable: ")
                            + (failure == null ? "" : failure.text()));
            default -> throw new IllegalArgumentException(disposition.type() + " is not tracked as a failure");
        }
    }

    private void trackDelivered(TrackingWriter tracking, Disposition disposition, String portName, String adapterType,
                                String address) throws SQLException {
        tracking.delivered(disposition.messageId(), portName, disposition.workItemId(), adapterType, address,
                durationMs(disposition.workItemId(), tracking));
    }

    /** A delivery's address as tracking records it: the work item's own (dynamic), else its port's; masked. */
    private String address(String portId, TransportRole transport, String workItemAddress) {
        return workItemAddress != null ? trackedPorts.masked(workItemAddress) : trackedPorts.addressOf(portId, transport);
    }

    /** From the claim of the delivery to now, when this server claimed it. */
    private Long durationMs(String workItemId, TrackingWriter tracking) {
        Instant since = leases.heldSince(workItemId);
        return since == null ? null : Math.max(0, Duration.between(since, tracking.at()).toMillis());
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

}
