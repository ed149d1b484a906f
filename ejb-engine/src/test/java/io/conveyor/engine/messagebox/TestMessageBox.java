package io.conveyor.engine.messagebox;

import io.conveyor.engine.runtime.DeliveriesPerMinute;
import io.conveyor.engine.runtime.EngineClock;
import io.conveyor.engine.runtime.EngineMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.Resource;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A MessageBox for unit tests of its stores: a fresh in-memory H2 database at the current schema, and every store wired
 * to it the way the container does it ({@code @Resource} data sources, {@code @Inject} collaborators). The one fixture
 * of the store tests: publishing, claiming, reading rows back, and transactions.
 *
 * <p>The schema is made by the real Flyway migrations ({@link MessageBoxMigration#migrate}, as at deployment) once per
 * test run, in a template database; each MessageBox starts as a copy of that template (H2's {@code SCRIPT}, schema and
 * rows, the migration history included), which takes milliseconds where migrating takes a fifth of a second.
 *
 * <p>A store method called outside {@link #inTransaction} runs on an autocommit connection (each statement commits);
 * inside it, every connection the stores ask for on this thread is the transaction's, as with a container-managed
 * data source in a JTA transaction, and the work commits at the end, or rolls back if it throws.
 */
final class TestMessageBox implements AutoCloseable {

    /** This server, the lease owner of its claims. */
    static final String SERVER = "server-1";
    /** Another server sharing the MessageBox. */
    static final String OTHER_SERVER = "server-2";
    /** The engine's time in these tests (the stores take the time as a parameter: no clock, no sleeping). */
    static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);

    /** The migration of the template database: it found H2, as it would for each copy. */
    private static final MessageBoxMigration MIGRATION = new MessageBoxMigration();
    /** The statements that recreate the migrated template. */
    private static final List<String> MIGRATED = migratedTemplate();

    final DataSource dataSource;
    final WorkItemIds ids = new WorkItemIds();
    final MessageStore messages = new MessageStore();
    final ClaimStore claims = new ClaimStore();
    final DispositionStore dispositions = new DispositionStore();
    final LeaseStore leases = new LeaseStore();
    final ServerStore servers = new ServerStore();
    final SuspendedQueue suspended = new SuspendedQueue();
    final BacklogCompaction compaction = new BacklogCompaction();
    final MessageBoxQueries queries = new MessageBoxQueries();
    final AuditLog audit = new AuditLog();
    final TrackingLog tracking = new TrackingLog();
    final LeaseKeeper held = new LeaseKeeper();
    /** Tracking levels by port identity, for the stores; a port not in it is tracked at the default level. */
    final Map<String, TrackingLevel> trackingLevels = new HashMap<>();
    /** The tracked ports the stores see: the levels above, each port's address {@code out/<port identity>}. */
    final TrackedPorts trackedPorts = new TrackedPorts() {
        @Override
        public TrackingLevel trackingOf(String portId) {
            return trackingLevels.getOrDefault(portId, TrackingLevel.EVENTS);
        }

        @Override
        public String addressOf(String portId, TransportRole transport) {
            return "out/" + portId;
        }

        @Override
        public String masked(String address) {
            return address;
        }
    };

    private final JdbcDataSource h2 = memoryDatabase();
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    private int published;

    TestMessageBox() {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : MIGRATED) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy the migrated MessageBox", e);
        }
        dataSource = new TransactionBoundDataSource();
        for (Object bean : List.of(ids, messages, claims, dispositions, leases, servers, suspended, compaction, queries,
                audit, tracking)) {
            injectDataSource(bean);
        }
        messages.ids = ids;
        messages.schema = MIGRATION;
        claims.ids = ids;
        servers.leases = leases;
        EngineMetrics metrics = new EngineMetrics(new SimpleMeterRegistry(), portId -> null,
                new DeliveriesPerMinute(Clock.systemUTC()));
        dispositions.metrics = metrics;
        suspended.metrics = metrics;
        messages.trackedPorts = trackedPorts;
        dispositions.trackedPorts = trackedPorts;
        dispositions.leases = held;
        held.clock = new EngineClock();
        suspended.trackedPorts = trackedPorts;
    }

    private static JdbcDataSource memoryDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:messagebox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("");
        return h2;
    }

    /** Migrates a template database with the real migrations and returns the statements that recreate it. */
    private static List<String> migratedTemplate() {
        JdbcDataSource template = memoryDatabase();
        inject(MIGRATION, template);
        MIGRATION.migrate();
        try (Connection connection = template.getConnection(); Statement statement = connection.createStatement()) {
            List<String> script = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("script")) {
                while (rows.next()) {
                    script.add(rows.getString(1));
                }
            }
            statement.execute("shutdown");
            return List.copyOf(script);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot script the migrated MessageBox", e);
        }
    }

    /** Drops the database. */
    @Override
    public void close() throws SQLException {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("shutdown");
        }
    }

    /** Sets the bean's {@code @Resource DataSource} fields to this MessageBox, as the container does. */
    void injectDataSource(Object bean) {
        inject(bean, dataSource);
    }

    private static void inject(Object bean, DataSource dataSource) {
        for (Field field : bean.getClass().getDeclaredFields()) {
            if (field.isAnnotationPresent(Resource.class) && field.getType() == DataSource.class) {
                try {
                    field.setAccessible(true);
                    field.set(bean, dataSource);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    // ---- transactions ----------------------------------------------------------------------------------------

    /** Runs the work in one transaction on this thread: committed if it returns, rolled back if it throws. */
    <T> T inTransaction(Callable<T> work) {
        if (transaction.get() != null) {
            throw new IllegalStateException("already in a transaction");
        }
        try (Connection connection = h2.getConnection()) {
            connection.setAutoCommit(false);
            transaction.set(connection);
            try {
                T result = work.call();
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } catch (Exception e) {
                connection.rollback();
                throw new IllegalStateException(e);
            } finally {
                transaction.remove();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the work in one transaction on this thread and rolls it back, as a caller does when a store fails. */
    <T> T rolledBack(Callable<T> work) {
        List<T> result = new ArrayList<>(1);
        try {
            inTransaction(() -> {
                result.add(work.call());
                throw new RolledBack();
            });
        } catch (RolledBack expected) {
            // the work's changes are gone
        }
        return result.get(0);
    }

    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super(null, null, false, false);
        }
    }

    /**
     * A connection of its own (not this thread's transaction) with a transaction open, holding a row lock on the
     * work item, as another server's uncommitted disposition does; closing it rolls back.
     */
    Connection lockElsewhere(String workItemId) throws SQLException {
        Connection connection = h2.getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement("select id from cv_work_item where id = ? for update")) {
            lock.setLong(1, Long.parseLong(workItemId));
            lock.executeQuery().close();
        }
        return connection;
    }

    /**
     * Whether some session of this database is waiting for a lock held by another. For polling: {@code false} also
     * when H2 cannot tell right now (listing its sessions fails now and then while one of them is between transactions).
     */
    boolean someoneWaitsForALock() {
        try {
            return count("select count(*) from information_schema.sessions where blocker_id is not null") > 0;
        } catch (IllegalStateException sessionInTransition) {
            return false;
        }
    }

    /** Hands this thread's transaction connection out without letting the stores close it; else a new connection. */
    private final class TransactionBoundDataSource implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            Connection current = transaction.get();
            if (current == null) {
                return h2.getConnection();
            }
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(current, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    // ---- publishing ------------------------------------------------------------------------------------------

    /** A message with one small text body (held inline) and one promoted context property. */
    static EngineMessage smallMessage(String body) {
        EngineMessage message = EngineMessage.create(MessageIds.next());
        message.context().promote("OrderNo", "urn:test", body);
        message.addPart("body", ContentPart.of(body.getBytes(StandardCharsets.UTF_8), "text/plain", "UTF-8"), true);
        return message;
    }

    /** A message whose body of {@code size} bytes (a repeating pattern) is too large to be held inline. */
    static EngineMessage largeMessage(int size) {
        EngineMessage message = EngineMessage.create(MessageIds.next());
        message.addPart("body", ContentPart.of(pattern(size), "application/octet-stream", null), true);
        return message;
    }

    /** {@code size} bytes of a pattern that does not repeat at chunk boundaries. */
    static byte[] pattern(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i % 251);
        }
        return data;
    }

    /** A work item of port {@code port} (identity {@code "id-" + port}) for the adapter, ready at {@code due}. */
    static NewWorkItem ready(String port, String adapter, int priority, Instant due) {
        return new NewWorkItem("id-" + port, port, adapter, WorkItemState.READY, priority, due, 3, 5, null, false, null,
                false, null);
    }

    /** A work item of an ordered port, ready now at priority 5. */
    static NewWorkItem ordered(String port, String adapter) {
        return new NewWorkItem("id-" + port, port, adapter, WorkItemState.READY, 5, NOW, 3, 5, null, true, null, false,
                null);
    }

    /** A work item suspended at publication (a stopped port). */
    static NewWorkItem suspendedAtPublication(String port, String adapter, String reason) {
        return new NewWorkItem("id-" + port, port, adapter, WorkItemState.SUSPENDED, 5, NOW, 3, 5, reason, false, null,
                false, null);
    }

    /** A work item handed off to this server at publication, under a lease until {@link #NOW} + {@link #LEASE}. */
    static NewWorkItem handedOff(String port, String adapter) {
        return ready(port, adapter, 5, NOW).handedOff(new NewWorkItem.HandOffLease(SERVER, NOW.plus(LEASE)));
    }

    /** Publishes one message with the given work items (at {@link #NOW}), in a transaction of its own. */
    MessageStore.Written publish(EngineMessage message, NewWorkItem... items) {
        return inTransactionUnlessInOne(() -> messages.insert(
                List.of(new MessageStore.Publication(message, null, List.of(items))), NOW).get(0));
    }

    /** Publishes a small message, its body {@code "order-<n>"}, with the given work items; returns their identities. */
    List<String> publish(NewWorkItem... items) {
        return publish(smallMessage("order-" + ++published), items).workItemIds();
    }

    /** Publishes {@code count} small messages, each for one work item of the port and adapter, ready now. */
    List<String> publishReady(int count, String port, String adapter) {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            published.addAll(publish(ready(port, adapter, 5, NOW)));
        }
        return published;
    }

    private <T> T inTransactionUnlessInOne(Callable<T> work) {
        if (transaction.get() != null) {
            try {
                return work.call();
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
        }
        return inTransaction(work);
    }

    // ---- claiming and disposing ------------------------------------------------------------------------------

    /** Claims for this server at {@link #NOW}, in a transaction of its own. */
    List<Delivery> claim(String adapter, int max) {
        return claim(adapter, max, NOW);
    }

    /** Claims for this server at {@code now}, leases until {@code now} + {@link #LEASE}. */
    List<Delivery> claim(String adapter, int max, Instant now) {
        return inTransactionUnlessInOne(() -> claims.claim(adapter, max, SERVER, now, now.plus(LEASE)));
    }

    /** Claims for this server the work item just published (which must be the adapter's only due one). */
    Delivery claimOne(String adapter) {
        List<Delivery> claimed = claim(adapter, 1);
        if (claimed.size() != 1) {
            throw new IllegalStateException("expected one delivery for " + adapter + ", claimed " + claimed.size());
        }
        return claimed.get(0);
    }

    /** Applies the dispositions as this server (all or nothing), at {@link #NOW}, in a transaction of its own. */
    List<DispositionResult> dispose(Disposition... dispositions) {
        return inTransactionUnlessInOne(() -> this.dispositions.apply(List.of(dispositions), SERVER, NOW));
    }

    static Disposition deletion(Delivery delivery) {
        return Disposition.delete(delivery.message().lease(), delivery.message().messageId());
    }

    static Disposition suspension(Delivery delivery, String error, boolean nonResumable) {
        return Disposition.suspend(delivery.message().lease(), delivery.message().messageId(),
                new Disposition.FailureInfo(error, delivery.workItem().adapterType(), "out/" + delivery.workItem().portName()),
                nonResumable, null);
    }

    /** The delivery of the work item among those claimed. */
    static Delivery deliveryOf(List<Delivery> claimed, String workItemId) {
        return claimed.stream().filter(delivery -> delivery.workItem().id().equals(workItemId)).findFirst()
                .orElseThrow(() -> new AssertionError("work item " + workItemId + " was not claimed"));
    }

    /** Identities of the deliveries, in order. */
    static List<String> idsOf(List<Delivery> deliveries) {
        return deliveries.stream().map(delivery -> delivery.workItem().id()).toList();
    }

    // ---- reading rows back -----------------------------------------------------------------------------------

    /** The work item as stored now, if it is still there. */
    Optional<WorkItem> workItem(String id) {
        try (Connection connection = h2.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + WorkItemRows.COLUMNS
                     + " from cv_work_item w where w.id = ?")) {
            select.setLong(1, Long.parseLong(id));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(WorkItemRows.read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The work item as stored now, which must be there. */
    WorkItem stored(String id) {
        return workItem(id).orElseThrow(() -> new AssertionError("work item " + id + " is gone"));
    }

    /** One column of one work item (for the columns {@link WorkItem} does not carry). */
    Object column(String workItemId, String column) {
        List<Object[]> rows = rows("select " + column + " from cv_work_item where id = ?", Long.parseLong(workItemId));
        if (rows.size() != 1) {
            throw new AssertionError("work item " + workItemId + " is gone");
        }
        return rows.get(0)[0];
    }

    /** The single number a query returns. */
    long count(String sql, Object... parameters) {
        return ((Number) rows(sql, parameters).get(0)[0]).longValue();
    }

    /** The rows a query returns, each as its columns' values. */
    List<Object[]> rows(String sql, Object... parameters) {
        try (Connection connection = h2.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<Object[]> result = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = rows.getObject(c + 1);
                    }
                    result.add(row);
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs an update outside the stores (to set up a state they would take longer to reach). */
    int update(String sql, Object... parameters) {
        try (Connection connection = h2.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The work items counted one by one, per port identity and state: what the maintained counts must equal. */
    Map<String, Map<WorkItemState, Long>> realCounts() {
        Map<String, Map<WorkItemState, Long>> counts = new TreeMap<>();
        for (Object[] row : rows("select port_id, state, count(*) from cv_work_item group by port_id, state")) {
            counts.computeIfAbsent((String) row[0], port -> new EnumMap<>(WorkItemState.class))
                    .put(WorkItemState.valueOf((String) row[1]), ((Number) row[2]).longValue());
        }
        return counts;
    }

    /** How many rows each MessageBox table holds, for "nothing else changed" checks. */
    Map<String, Long> tableSizes() {
        Map<String, Long> sizes = new TreeMap<>();
        for (String table : Arrays.asList("cv_work_item", "cv_message", "cv_message_part", "cv_part_chunk")) {
            sizes.put(table, count("select count(*) from " + table));
        }
        return sizes;
    }
}
