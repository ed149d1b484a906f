package io.conveyor.engine.ports;

import io.conveyor.engine.messagebox.MessageBoxDataSource;
import io.conveyor.engine.messagebox.MessageBoxException;
import io.conveyor.engine.messagebox.TransportRole;
import io.conveyor.engine.runtime.AfterCommit;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Send ports in the MessageBox ({@code cv_send_port}, the definition as {@link PortJson}). Every change bumps the
 * configuration version, which is how routing caches on every server notice it.
 */
@ApplicationScoped
@Transactional
public class PortRepository {

    @Resource(lookup = MessageBoxDataSource.JNDI_NAME)
    private DataSource dataSource;
    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    private TransactionSynchronizationRegistry transactions;

    private final AtomicLong localChanges = new AtomicLong();

    /** The configuration version: changes whenever a port does. */
    public long configVersion() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select version from cv_config_version where id = 1");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new MessageBoxException("cannot read the configuration version", e);
        }
    }

    public List<SendPort> findAll() {
        return query("select id, definition, updated_at from cv_send_port order by name", null);
    }

    public Optional<SendPort> findByName(String name) {
        return query("select id, definition, updated_at from cv_send_port where name = ?", name).stream().findFirst();
    }

    public void insert(SendPort port) {
        execute("insert into cv_send_port (definition, updated_at, name, id) values (?, ?, ?, ?)", port);
    }

    public void update(SendPort port) {
        execute("update cv_send_port set definition = ?, updated_at = ?, name = ? where id = ?", port);
    }

    public void delete(String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from cv_send_port where id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
            bumpVersion(connection);
        } catch (SQLException e) {
            throw new MessageBoxException("cannot delete send port " + id, e);
        }
    }

    /** Counts work items of a port that are not finished (queued, in process or suspended). */
    public long pendingWork(String portId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select count(*) from cv_work_item where port_id = ?")) {
            select.setString(1, portId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new MessageBoxException("cannot count the work of send port " + portId, e);
        }
    }

    /**
     * Applies a changed port to the work already routed to it and not in process: each transport's adapter, the
     * priority, and the service window of the messages held for it (a window removed or moved reaches them at once,
     * not at the old window's opening). Address and endpoint properties need nothing here: they are read from the
     * port at each delivery.
     *
     * @return the adapters that have work due now because of the change
     */
    public Set<String> applyToQueuedWork(SendPort port, Instant now) {
        SendPortDefinition definition = port.definition();
        Set<String> woken = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement adapter = connection.prepareStatement("update cv_work_item set adapter_type = ? "
                     + "where port_id = ? and transport = ? and state <> 'IN_PROCESS'");
             PreparedStatement window = connection.prepareStatement("update cv_work_item set next_attempt_at = ?, "
                     + "window_hold = ? where port_id = ? and transport = ? and state = 'READY' and window_hold = true");
             PreparedStatement priority = connection.prepareStatement("update cv_work_item set priority = ? "
                     + "where port_id = ? and state <> 'IN_PROCESS' and priority <> ?")) {
            Map<TransportRole, TransportSettings> transports = new EnumMap<>(TransportRole.class);
            if (definition.primary() != null) {
                transports.put(TransportRole.PRIMARY, definition.primary());
            }
            if (definition.backup() != null) {
                transports.put(TransportRole.BACKUP, definition.backup());
            }
            for (Map.Entry<TransportRole, TransportSettings> transport : transports.entrySet()) {
                adapter.setString(1, transport.getValue().adapter());
                adapter.setString(2, port.id());
                adapter.setString(3, transport.getKey().name());
                adapter.executeUpdate();
                ServiceWindow serviceWindow = transport.getValue().serviceWindow();
                Instant opens = serviceWindow == null ? now : serviceWindow.nextOpen(now);
                window.setObject(1, OffsetDateTime.ofInstant(opens, ZoneOffset.UTC));
                window.setBoolean(2, opens.isAfter(now));
                window.setString(3, port.id());
                window.setString(4, transport.getKey().name());
                if (window.executeUpdate() > 0 && !opens.isAfter(now)) {
                    woken.add(transport.getValue().adapter());
                }
            }
            priority.setInt(1, definition.priority());
            priority.setString(2, port.id());
            priority.setInt(3, definition.priority());
            priority.executeUpdate();
            return woken;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot apply the changes of send port " + port.name() + " to its queued work", e);
        }
    }

    private void execute(String sql, SendPort port) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, PortJson.write(port.definition()).toString());
            statement.setObject(2, OffsetDateTime.ofInstant(port.updatedAt(), ZoneOffset.UTC));
            statement.setString(3, port.name());
            statement.setString(4, port.id());
            statement.executeUpdate();
            bumpVersion(connection);
        } catch (SQLException e) {
            throw new MessageBoxException("cannot store send port " + port.name(), e);
        }
    }

    private void bumpVersion(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update cv_config_version set version = version + 1 where id = 1")) {
            update.executeUpdate();
        }
        AfterCommit.run(transactions, () -> localChanges.incrementAndGet());
    }

    /**
     * How many port changes this server has committed: a cache of the ports that saw this number unchanged, and
     * checked the configuration version recently, is still current as far as this server's own changes go.
     */
    public long localChanges() {
        return localChanges.get();
    }

    private List<SendPort> query(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            List<SendPort> ports = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    try (JsonReader reader = Json.createReader(new StringReader(rows.getString(2)))) {
                        ports.add(new SendPort(rows.getString(1), PortJson.read(reader.readObject(), ""),
                                rows.getObject(3, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return ports;
        } catch (SQLException e) {
            throw new MessageBoxException("cannot read send ports", e);
        }
    }

    /** The instant stored for "now", truncated to what the column keeps. */
    static Instant storable(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
