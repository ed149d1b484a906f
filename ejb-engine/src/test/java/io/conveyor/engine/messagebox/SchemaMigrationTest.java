package io.conveyor.engine.messagebox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The migrations that carry data over. V6 carries the work queued under the V5 schema over: every work item, with its
 * state, retry budget, error and order, its message still readable where it was stored; a delivery in process when
 * the server stopped is ready again; new identities follow the old ones. On H2, and on PostgreSQL when
 * {@code conveyor.pg.url} names one (as {@code ./conveyor test} does), in a schema of its own. V9 brings tracking rows
 * to its shape (one row per delivery).
 */
class SchemaMigrationTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 29, 8, 0, 0, 0, ZoneOffset.UTC);

    @Test
    @DisplayName("H2: work items queued under V5 are carried over by V6")
    void h2() throws SQLException {
        String url = "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            carriesQueuedWorkOver(Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2")
                    .table("cv_schema_history"), connection);
        }
    }

    @Test
    @DisplayName("the MessageBox of the store tests (TestMessageBox) is at the latest migration, every script applied")
    void storeTestsMessageBox() throws Exception {
        try (TestMessageBox box = new TestMessageBox()) {
            assertThat(box.rows("select \"version\", \"success\" from \"cv_schema_history\" where \"version\" is not null "
                    + "order by \"installed_rank\"")).extracting(row -> row[0] + " " + row[1])
                    .containsExactly("1 true", "2 true", "3 true", "4 true", "5 true", "6 true", "7 true", "8 true", "9 true", "10 true",
                            "11 true");
            assertThat(box.rows("select table_name, identity_cache from information_schema.columns "
                    + "where column_name = 'ID' and table_name in ('CV_TRACKING', 'CV_BACKLOG_DELTA', 'CV_AUDIT', 'CV_TRACKED_BODY') "
                    + "order by table_name")).as("identity values taken in blocks (V9, V10)").extracting(row -> row[0] + " " + row[1])
                    .containsExactly("CV_AUDIT 1000", "CV_BACKLOG_DELTA 10000", "CV_TRACKED_BODY 1000", "CV_TRACKING 10000");
            assertThat(Flyway.configure().dataSource(box.dataSource).locations("classpath:db/migration/h2")
                    .table("cv_schema_history").load().info().pending()).as("scripts not applied").isEmpty();
        }
    }

    @Test
    @DisplayName("H2: tracking rows recorded under V8 take V9's shape: a delivery one DELIVERED row with its attempt")
    void trackingRowsReshaped() throws SQLException {
        String url = "jdbc:h2:mem:tracking-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        FluentConfiguration flyway = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2")
                .table("cv_schema_history");
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            flyway.target(MigrationVersion.fromVersion("8")).load().migrate();
            String[][] v8Rows = {
                    {"PUBLISHED", null, null}, {"ROUTED", null, null}, {"ATTEMPTED", "FAILURE", "HTTP 503"},
                    {"RETRY_SCHEDULED", null, null}, {"ATTEMPTED", "SUCCESS", null}, {"DELIVERED", null, null},
                    {"DELETED", null, null}};
            try (PreparedStatement insert = connection.prepareStatement("insert into cv_tracking (recorded_at, "
                    + "message_id, event, port_name, adapter_type, address, outcome, detail, duration_ms) "
                    + "values (?, 'm-1', ?, 'orders', 'HTTP', 'http://partner', ?, ?, 7)")) {
                for (String[] row : v8Rows) {
                    insert.setObject(1, NOW);
                    insert.setString(2, row[0]);
                    insert.setString(3, row[1]);
                    insert.setString(4, row[2]);
                    insert.executeUpdate();
                }
            }
            flyway.target(MigrationVersion.LATEST).load().migrate();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select event, outcome, address, duration_ms "
                         + "from cv_tracking order by id")) {
                List<String> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " "
                            + rows.getLong(4));
                }
                assertThat(events).containsExactly("PUBLISHED null http://partner 7", "ROUTED null http://partner 7",
                        "ATTEMPTED FAILURE http://partner 7", "RETRY_SCHEDULED null http://partner 7",
                        "DELIVERED SUCCESS http://partner 7");
            }
        }
    }

    @Test
    @DisplayName("PostgreSQL: work items queued under V5 are carried over by V6")
    void postgresql() throws SQLException {
        String url = System.getProperty("conveyor.pg.url", "");
        assumeTrue(!url.isBlank(), "no PostgreSQL named by conveyor.pg.url");
        String user = System.getProperty("conveyor.pg.user");
        String password = System.getProperty("conveyor.pg.password");
        String schema = "migration_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            try {
                carriesQueuedWorkOver(Flyway.configure().dataSource(url, user, password).schemas(schema)
                        .createSchemas(true).locations("classpath:db/migration/postgresql").table("cv_schema_history"),
                        connection);
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("drop schema " + schema + " cascade");
                }
            }
        }
    }

    private static void carriesQueuedWorkOver(FluentConfiguration flyway,
                                              Connection connection) throws SQLException {
        flyway.target(MigrationVersion.fromVersion("5")).load().migrate();
        String schema = flyway.getSchemas().length == 0 ? null : flyway.getSchemas()[0];
        if (schema != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set search_path to " + schema);
            }
        }
        String small = UUID.randomUUID().toString();
        String large = UUID.randomUUID().toString();
        storeV5Message(connection, small, 1);
        storeV5Message(connection, large, 2);
        List<String> oldIds = new ArrayList<>();
        oldIds.add(insertV5WorkItem(connection, small, "orders", "READY", null));
        oldIds.add(insertV5WorkItem(connection, small, "audit", "IN_PROCESS", null));
        oldIds.add(insertV5WorkItem(connection, large, "orders", "SUSPENDED", "HTTP 503 from the partner"));

        flyway.target(MigrationVersion.LATEST).load().migrate();

        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select id, message_id, port_name, state, retries_left, "
                     + "error_text, lease_owner, lease_token, ordered, context from cv_work_item order by id")) {
            List<String> carried = new ArrayList<>();
            long lastId = 0;
            while (rows.next()) {
                assertThat(rows.getLong("id")).as("identities in publication order").isGreaterThan(lastId);
                lastId = rows.getLong("id");
                assertThat(rows.getString("lease_owner")).isNull();
                assertThat(rows.getObject("lease_token")).isNull();
                assertThat(rows.getString("context")).as("carried-over messages stay in cv_message").isNull();
                carried.add(rows.getString("message_id") + " " + rows.getString("port_name") + " "
                        + rows.getString("state") + " " + rows.getInt("retries_left") + " " + rows.getString("error_text")
                        + " " + rows.getBoolean("ordered"));
            }
            assertThat(carried).containsExactly(
                    small + " orders READY 3 null true",
                    small + " audit READY 3 null true",
                    large + " orders SUSPENDED 3 HTTP 503 from the partner true");
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from cv_message m join cv_message_part p "
                     + "on p.message_id = m.id join cv_part_chunk c on c.message_id = m.id and c.part_index = p.part_index")) {
            rows.next();
            assertThat(rows.getInt(1)).as("every part of both messages still stored").isEqualTo(3);
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select nextval('cv_work_item_ids')")) {
            rows.next();
            assertThat(rows.getLong(1)).as("new identities after the carried-over ones").isGreaterThan(oldIds.size());
        }
    }

    private static void storeV5Message(Connection connection, String id, int parts) throws SQLException {
        try (PreparedStatement message = connection.prepareStatement("insert into cv_message (id, created_at, "
                + "body_part_name, size_bytes, context) values (?, ?, 'body', 3, '[]')")) {
            message.setString(1, id);
            message.setObject(2, NOW);
            message.executeUpdate();
        }
        for (int index = 0; index < parts; index++) {
            try (PreparedStatement part = connection.prepareStatement("insert into cv_message_part (message_id, "
                    + "part_index, part_name, size_bytes, chunk_count) values (?, ?, ?, 3, 1)");
                 PreparedStatement chunk = connection.prepareStatement("insert into cv_part_chunk (message_id, part_index, "
                         + "chunk_index, data) values (?, ?, 0, ?)")) {
                part.setString(1, id);
                part.setInt(2, index);
                part.setString(3, index == 0 ? "body" : "part" + index);
                part.executeUpdate();
                chunk.setString(1, id);
                chunk.setInt(2, index);
                chunk.setBytes(3, new byte[] {1, 2, 3});
                chunk.executeUpdate();
            }
        }
    }

    private static String insertV5WorkItem(Connection connection, String messageId, String port, String state,
                                           String error) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("insert into cv_work_item (id, message_id, port_id, "
                + "port_name, transport, adapter_type, state, priority, next_attempt_at, retries_left, retry_interval, "
                + "attempt_count, lease_owner, lease_token, lease_expires_at, error_text, created_at, ordered) "
                + "values (?, ?, ?, ?, 'PRIMARY', 'FILE', ?, 5, ?, 3, 5, 1, ?, ?, ?, ?, ?, true)")) {
            insert.setString(1, id);
            insert.setString(2, messageId);
            insert.setString(3, "port-" + port);
            insert.setString(4, port);
            insert.setString(5, state);
            insert.setObject(6, NOW);
            boolean held = state.equals("IN_PROCESS");
            insert.setString(7, held ? "conveyor-1" : null);
            insert.setString(8, held ? UUID.randomUUID().toString() : null);
            insert.setObject(9, held ? NOW.plusMinutes(5) : null);
            insert.setString(10, error);
            insert.setObject(11, NOW);
            insert.executeUpdate();
        }
        return id;
    }
}
