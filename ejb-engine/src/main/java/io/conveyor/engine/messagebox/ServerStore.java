package io.conveyor.engine.messagebox;

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
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Membership: the servers sharing the MessageBox ({@code cv_server}), one row per server identity. A server registers
 * when it starts and heartbeats while it runs; any server declares one whose heartbeat is too old dead and takes back
 * the deliveries it held, so they move again without waiting for their leases to run out. Every method joins the
 * caller's transaction or starts its own; the times are the caller's (the engine clock).
 *
 * <p>Declaring a server dead is one conditional update of its row ({@code ... where state = 'RUNNING' and
 * last_heartbeat < ?}): when two servers declare the same one at the same moment, the second waits for the first's
 * row lock and then finds the row no longer {@code RUNNING}, so exactly one of them takes the deliveries back.
 */
@ApplicationScoped
@Transactional
public class ServerStore {

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;
    @Inject
    LeaseStore leases;

    /** A server as the MessageBox knows it; {@code inProcess} counts the work items in process under its leases. */
    public record Member(String id, ServerState state, Instant startedAt, Instant lastHeartbeat, long inProcess) {
    }

    /** A server this call declared dead, and what taking back its deliveries did. */
    public record Declared(String serverId, LeaseStore.Recovery recovery) {
    }

    /**
     * Writes the server's row as {@link ServerState#RUNNING}, started and heard from {@code now}; a server coming back
     * under an identity already known overwrites its row.
     */
    public void register(String id, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement update = connection.prepareStatement("update cv_server set state = 'RUNNING', "
                    + "started_at = ?, last_heartbeat = ? where id = ?")) {
                Sql.setInstant(update, 1, now);
                Sql.setInstant(update, 2, now);
                update.setString(3, id);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement("insert into cv_server (id, state, started_at, "
                        + "last_heartbeat) values (?, 'RUNNING', ?, ?)")) {
                    insert.setString(1, id);
                    Sql.setInstant(insert, 2, now);
                    Sql.setInstant(insert, 3, now);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new MessageBoxException("cannot register server " + id, e);
        }
    }

    /**
     * Records that the server is alive at {@code now}. Returns {@code false} when its row is not {@code RUNNING} (it
     * was declared dead meanwhile, or its row is gone): the server must {@linkplain #register register} again.
     */
    public boolean heartbeat(String id, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update cv_server set last_heartbeat = ? "
                     + "where id = ? and state = 'RUNNING'")) {
            Sql.setInstant(update, 1, now);
            update.setString(2, id);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot record the heartbeat of server " + id, e);
        }
    }

    /**
     * Records a graceful stop: {@link ServerState#STOPPING} when the server stops taking work, {@link ServerState#STOPPED}
     * once its adapters are done.
     */
    public void stop(String id, ServerState state, Instant now) {
        if (state != ServerState.STOPPING && state != ServerState.STOPPED) {
            throw new IllegalArgumentException("a stopping server is STOPPING or STOPPED, not " + state);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update cv_server set state = ?, last_heartbeat = ? "
                     + "where id = ?")) {
            update.setString(1, state.name());
            Sql.setInstant(update, 2, now);
            update.setString(3, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new MessageBoxException("cannot record that server " + id + " is " + state, e);
        }
    }

    /**
     * Declares dead every other {@code RUNNING} server not heard from since {@code now - deadAfter}, and takes back the
     * deliveries each held ({@link LeaseStore#recoverHeldBy}); returns those this call declared (none that another
     * server declared first).
     */
    public List<Declared> declareDead(String declarer, Instant now, Duration deadAfter, int maxInterruptions) {
        Instant silentSince = now.minus(deadAfter);
        try (Connection connection = dataSource.getConnection()) {
            List<String> silent = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select id from cv_server where state = 'RUNNING' "
                    + "and last_heartbeat < ? and id <> ? order by id")) {
                Sql.setInstant(select, 1, silentSince);
                select.setString(2, declarer);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        silent.add(rows.getString("id"));
                    }
                }
            }
            List<Declared> declared = new ArrayList<>();
            try (PreparedStatement declare = connection.prepareStatement("update cv_server set state = 'DEAD' "
                    + "where id = ? and state = 'RUNNING' and last_heartbeat < ?")) {
                for (String id : silent) {
                    declare.setString(1, id);
                    Sql.setInstant(declare, 2, silentSince);
                    if (declare.executeUpdate() == 1) {
                        declared.add(new Declared(id, leases.recoverHeldBy(id, now, maxInterruptions)));
                    }
                }
            }
            return declared;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot declare silent servers dead", e);
        }
    }

    /** Every server the MessageBox knows, by identity, with how many work items each holds in process. */
    public List<Member> members() {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Long> holding = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("select lease_owner, count(*) as held "
                    + "from cv_work_item where state = 'IN_PROCESS' and lease_owner is not null group by lease_owner");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    holding.put(rows.getString("lease_owner"), rows.getLong("held"));
                }
            }
            List<Member> members = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select id, state, started_at, last_heartbeat "
                    + "from cv_server order by id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString("id");
                    members.add(new Member(id, ServerState.valueOf(rows.getString("state")),
                            Sql.getInstant(rows, "started_at"), Sql.getInstant(rows, "last_heartbeat"),
                            holding.getOrDefault(id, 0L)));
                }
            }
            return members;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot read the servers sharing the MessageBox", e);
        }
    }
}
