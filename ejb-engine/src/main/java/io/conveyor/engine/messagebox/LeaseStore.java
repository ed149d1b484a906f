package io.conveyor.engine.messagebox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The leases of in-process work items: renewing those a live server holds, and taking back those whose delivery
 * ended without an outcome (the server died or restarted, was declared dead, or the lease ran out). Every method joins
 * the caller's transaction or starts its own.
 *
 * <p>Recovery never waits for a lock. A row locked by another transaction is skipped and tried again at the next
 * call: after a crash, the disposition of a delivery can be an XA transaction that was prepared and not yet
 * committed, whose locks stay until the transaction manager's recovery finishes it, possibly minutes later.
 *
 * <p>A delivery taken back counts as interrupted. One interrupted {@code maxInterruptions} times in a row, with no
 * outcome in between, is suspended with the reason instead of being delivered again: a message that brings its
 * server down at every delivery (a partner's endless answer, say) must not do so forever.
 */
@ApplicationScoped
@Transactional
public class LeaseStore {

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;

    /** What one recovery did; {@code locked} are the deliveries it could not take back yet. */
    public record Recovery(int queued, int suspended, List<EngineMessage.Lease> locked) {
    }

    /**
     * Extends the leases of the given deliveries, as long as this server still holds them. The rows are locked in
     * identity order first (numeric, across every slice), the order every other writer uses, so renewal cannot
     * deadlock with a disposition batch.
     */
    public void renew(String owner, List<String> workItemIds, Instant leaseUntil) {
        try (Connection connection = dataSource.getConnection()) {
            for (List<String> slice : Sql.slices(workItemIds.stream().sorted(Comparator.comparingLong(Long::parseLong)).toList())) {
                WorkItemRows.lock(connection, slice);
                try (PreparedStatement update = connection.prepareStatement("update cv_work_item set lease_expires_at = ? "
                        + "where lease_owner = ? and state = 'IN_PROCESS' and id = any(?)")) {
                    Sql.setInstant(update, 1, leaseUntil);
                    update.setString(2, owner);
                    Sql.setIds(update, 3, slice);
                    update.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new MessageBoxException("cannot renew the leases of " + owner, e);
        }
    }

    /** The deliveries the MessageBox says {@code owner} holds (read without locking anything). */
    public List<EngineMessage.Lease> heldBy(String owner) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select id, lease_token, port_id from cv_work_item "
                     + "where state = 'IN_PROCESS' and lease_owner = ?")) {
            select.setString(1, owner);
            List<EngineMessage.Lease> leases = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    leases.add(new EngineMessage.Lease(Sql.getId(rows, "id"), Sql.getId(rows, "lease_token"),
                            rows.getString("port_id")));
                }
            }
            return leases;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot read the deliveries held by " + owner, e);
        }
    }

    /**
     * Takes back deliveries of an earlier run of this server (nothing it held in memory survived), those still under
     * the given leases; a delivery already disposed of is left alone.
     */
    public Recovery recover(List<EngineMessage.Lease> leases, Instant now, int maxInterruptions) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, EngineMessage.Lease> stillHeld = new HashMap<>();
            List<Candidate> taken = new ArrayList<>();
            for (List<EngineMessage.Lease> slice : Sql.slices(leases)) {
                Map<String, EngineMessage.Lease> byId = new HashMap<>();
                slice.forEach(lease -> byId.put(lease.workItemId(), lease));
                try (PreparedStatement held = connection.prepareStatement("select id, lease_token from cv_work_item "
                        + "where state = 'IN_PROCESS' and id = any(?)")) {
                    Sql.setIds(held, 1, byId.keySet());
                    try (ResultSet rows = held.executeQuery()) {
                        while (rows.next()) {
                            EngineMessage.Lease lease = byId.get(Sql.getId(rows, "id"));
                            if (lease.token() != null && lease.token().equals(Sql.getId(rows, "lease_token"))) {
                                stillHeld.put(lease.workItemId(), lease);
                            }
                        }
                    }
                }
                try (PreparedStatement lock = connection.prepareStatement(CANDIDATES
                        + "where state = 'IN_PROCESS' and id = any(?) for update skip locked")) {
                    Sql.setIds(lock, 1, byId.keySet());
                    taken.addAll(candidates(lock).stream().filter(candidate -> candidate.token() != null
                            && candidate.token().equals(byId.get(candidate.id()).token())).toList());
                }
            }
            taken.forEach(candidate -> stillHeld.remove(candidate.id()));
            int suspended = takeBack(connection, taken, now, maxInterruptions);
            return new Recovery(taken.size() - suspended, suspended, List.copyOf(stillHeld.values()));
        } catch (SQLException e) {
            throw new MessageBoxException("cannot take back the deliveries of an earlier run", e);
        }
    }

    /** Takes back every delivery whose lease has run out, whoever held it. */
    public Recovery recoverExpired(Instant now, int maxInterruptions) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement(CANDIDATES
                     + "where state = 'IN_PROCESS' and lease_expires_at < ? for update skip locked")) {
            Sql.setInstant(lock, 1, now);
            List<Candidate> taken = candidates(lock);
            int suspended = takeBack(connection, taken, now, maxInterruptions);
            return new Recovery(taken.size() - suspended, suspended, List.of());
        } catch (SQLException e) {
            throw new MessageBoxException("cannot recover expired leases", e);
        }
    }

    /**
     * Takes back every delivery {@code owner} holds, whatever its lease says: the owner was declared dead (see
     * {@link ServerStore#declareDead}). A row locked by another transaction is left; its lease runs out as usual.
     */
    public Recovery recoverHeldBy(String owner, Instant now, int maxInterruptions) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement(CANDIDATES
                     + "where state = 'IN_PROCESS' and lease_owner = ? for update skip locked")) {
            lock.setString(1, owner);
            List<Candidate> taken = candidates(lock);
            int suspended = takeBack(connection, taken, now, maxInterruptions);
            return new Recovery(taken.size() - suspended, suspended, List.of());
        } catch (SQLException e) {
            throw new MessageBoxException("cannot take back the deliveries held by " + owner, e);
        }
    }

    private static final String CANDIDATES = "select id, lease_token, interrupted_deliveries, port_id from cv_work_item ";

    /** A locked in-process row about to be taken back. */
    private record Candidate(String id, String token, int interruptions, String portId) {
    }

    private static List<Candidate> candidates(PreparedStatement lock) throws SQLException {
        List<Candidate> candidates = new ArrayList<>();
        try (ResultSet rows = lock.executeQuery()) {
            while (rows.next()) {
                candidates.add(new Candidate(Sql.getId(rows, "id"), Sql.getId(rows, "lease_token"),
                        rows.getInt("interrupted_deliveries"), rows.getString("port_id")));
            }
        }
        return candidates;
    }

    /** Queues the deliveries again, or suspends those interrupted too often; returns how many were suspended. */
    private static int takeBack(Connection connection, List<Candidate> taken, Instant now, int maxInterruptions)
            throws SQLException {
        int suspended = 0;
        BacklogChanges changes = new BacklogChanges();
        try (PreparedStatement queue = connection.prepareStatement("update cv_work_item set state = 'READY', "
                + "lease_owner = null, lease_token = null, lease_expires_at = null, "
                + "interrupted_deliveries = interrupted_deliveries + 1 where id = ?");
             PreparedStatement suspend = connection.prepareStatement("update cv_work_item set state = 'SUSPENDED', "
                     + "suspended_at = ?, lease_owner = null, lease_token = null, lease_expires_at = null, "
                     + "interrupted_deliveries = interrupted_deliveries + 1, error_text = ?, error_adapter = adapter_type, "
                     + "error_address = null where id = ?")) {
            for (Candidate candidate : taken) {
                int interruptions = candidate.interruptions() + 1;
                if (interruptions >= maxInterruptions) {
                    Sql.setInstant(suspend, 1, now);
                    suspend.setString(2, "delivery interrupted " + interruptions + " times in a row without an outcome "
                            + "(the server stopped or died, or the lease ran out, while the adapter held the message); "
                            + "suspended so that it cannot bring its server down again. Resume it once the cause is known.");
                    Sql.setId(suspend, 3, candidate.id());
                    suspend.addBatch();
                    changes.moved(candidate.portId(), WorkItemState.IN_PROCESS, WorkItemState.SUSPENDED);
                    suspended++;
                } else {
                    Sql.setId(queue, 1, candidate.id());
                    queue.addBatch();
                    changes.moved(candidate.portId(), WorkItemState.IN_PROCESS, WorkItemState.READY);
                }
            }
            queue.executeBatch();
            suspend.executeBatch();
        }
        changes.write(connection);
        return suspended;
    }
}
