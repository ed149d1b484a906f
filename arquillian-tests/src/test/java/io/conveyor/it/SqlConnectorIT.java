package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.routing.PublishReceipt;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SQL connector against the sample target XA datasource: the rows written, the responses published and the
 * messages deleted commit in one XA transaction with the MessageBox.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class SqlConnectorIT extends InContainerSupport {

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(SqlConnectorIT.class);
    }

    @Test
    @DisplayName("a one-way SQL port inserts a row per message, with parameters from the message, and deletes the message")
    void insertsRows() throws Exception {
        String table = createTable();
        sqlPort("insert", false, "insert into " + table + " (order_id, customer, body) values (:OrderId, :Customer, :body)");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(publish("insert", "<order n=\"" + i + "\"/>", Map.of("OrderId", (long) i, "Customer", "ACME")).messageId());
        }
        eventually().until(() -> ids.stream().allMatch(this::gone));

        assertThat(rows("select order_id, customer, body from " + table + " order by order_id"))
                .containsExactly("1 ACME <order n=\"1\"/>", "2 ACME <order n=\"2\"/>", "3 ACME <order n=\"3\"/>");
    }

    @Test
    @DisplayName("a two-way SQL port answers with the result set as JSON, kept for the publisher")
    void queryAnswersWithRows() throws Exception {
        String table = createTable();
        execute("insert into " + table + " (order_id, customer, body) values (7, 'ACME', 'x'), (8, 'ACME', 'y')");
        sqlPort("query", true, "select order_id from " + table + " where customer = :Customer order by order_id");
        String id = publish("query", "how many?", Map.of("Customer", "ACME")).messageId();
        eventually().until(() -> queries.responseOf(id).isPresent());

        MessageBoxQueries.MessageView response = queries.responseOf(id).orElseThrow();
        try (InputStream body = queries.openBody(response)) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[{\"order_id\":7},{\"order_id\":8}]");
        }
        assertThat(gone(id)).isTrue();
    }

    @Test
    @DisplayName("a batch whose transaction fails is rolled back whole; alone, the good message commits and the bad one is suspended, nothing half-written")
    void failedTransactionRollsBackThenIsolates() throws Exception {
        String table = createTable();
        sqlPort("dup", false, "insert into " + table + " (order_id, customer, body) values (:OrderId, :Customer, :body)");
        List<PublishReceipt> receipts = publisher.publishAll(List.of(
                message("dup", "first", Map.of("OrderId", 1L, "Customer", "ACME")),
                message("dup", "same key", Map.of("OrderId", 1L, "Customer", "ACME"))));
        String first = receipts.get(0).messageId();
        String second = receipts.get(1).messageId();

        eventually().until(() -> gone(first) && queries.message(second).map(m -> m.workItems().get(0).state())
                .orElse(null) == WorkItemState.SUSPENDED);
        assertThat(rows("select order_id, body from " + table)).containsExactly("1 first");
        assertThat(queries.message(second).orElseThrow().workItems().get(0).errorText()).containsIgnoringCase("primary key");
    }

    @Test
    @DisplayName("a statement that reads the server's files (H2's FILE_READ) is refused when the port is saved, naming the field")
    void fileReadingStatementIsRefused() {
        assertThatThrownBy(() -> sqlPort("file-read", true, "select file_read('/etc/hostname') as content"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("primaryTransport.properties.statement"));
        assertThatThrownBy(() -> ports.get(portName("file-read"))).hasMessageContaining("no send port");
    }

    private void sqlPort(String name, boolean twoWay, String statement) {
        ports.create(TESTER, new SendPortDefinition(portName(name), "Run = '" + run + "' and Target = '" + name + "'",
                PortState.STARTED, 5, false, twoWay, false, false,
                new TransportSettings("SQL", "sql://" + name, Map.of("statement", statement), 0, 1), null));
    }

    private String createTable() throws Exception {
        String table = "orders_" + run.replace('-', '_');
        execute("create table if not exists " + table + " (order_id bigint primary key, customer varchar(64), body varchar(4000))");
        return table;
    }

    private static void execute(String sql) throws NamingException, SQLException {
        try (Connection connection = target().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> rows(String sql) throws NamingException, SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = target().getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    values.add(String.valueOf(result.getObject(c)));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }

    private static DataSource target() throws NamingException {
        return (DataSource) new InitialContext().lookup("java:/conveyor/SampleTargetDS");
    }
}
