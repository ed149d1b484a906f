package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.engine.admin.SuspendedMessages;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.TransportSettings;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * All or nothing with the real SQL and JMS connectors when the MessageBox itself fails inside the transaction
 * (issue 4, send-adapter contract §3.4 in {@code docs/send-adapter-contract.md}): a row of a test-only table refers to
 * the request's work item, so the MessageBox refuses to delete it after the connector has written to its target. The
 * target-side effect must then be absent and the request suspended by the failure ladder; once the fault is lifted and
 * the request resumed, the effect is present exactly once. The fault is a real constraint of the real MessageBox
 * database (H2 or PostgreSQL), not a mock.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class MessageBoxFaultAtomicityIT extends InContainerSupport {

    @Inject
    SuspendedMessages suspended;

    private String faultTable;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(MessageBoxFaultAtomicityIT.class);
    }

    @BeforeEach
    void createFaultTable() throws Exception {
        faultTable = "test_fault_" + run.replace('-', '_');
        execute(messageBox(), "create table " + faultTable
                + " (work_item_id bigint not null references cv_work_item (id))");
    }

    @AfterEach
    void dropFaultTable() throws Exception {
        execute(messageBox(), "drop table " + faultTable);
    }

    @Test
    @DisplayName("the MessageBox refuses the deletion after a JMS send: nothing on the queue, the request suspended; resumed without the fault, it is on the queue once")
    void jmsSendRolledBackWithTheDeletion() throws Exception {
        String id = deliverWithDeletionFault("jms", new TransportSettings("JMS", "jms://queue/conveyor.sample", Map.of(), 0, 1));

        assertThat(onQueue(id)).isZero();

        liftFaultAndResume(id);
        assertThat(onQueue(id)).isEqualTo(1);
        try (JMSContext context = connectionFactory().createContext()) {
            assertThat(context.createConsumer(queue(), selector(id)).receive(30_000)).isNotNull();
        }
    }

    @Test
    @DisplayName("the MessageBox refuses the deletion after a SQL insert: no row, the request suspended; resumed without the fault, the row is there once")
    void sqlInsertRolledBackWithTheDeletion() throws Exception {
        String table = "fault_orders_" + run.replace('-', '_');
        execute(target(), "create table " + table + " (message_id varchar(36) not null, body varchar(4000))");
        String id = deliverWithDeletionFault("sql", new TransportSettings("SQL", "sql://fault",
                Map.of("statement", "insert into " + table + " (message_id, body) values (:MessageID, :body)"), 0, 1));

        assertThat(count(target(), "select count(*) from " + table + " where message_id = ?", id)).isZero();

        liftFaultAndResume(id);
        assertThat(count(target(), "select count(*) from " + table + " where message_id = ?", id)).isEqualTo(1);
    }

    /**
     * Publishes to a stopped port (the request waits, suspended), plants the fault on its work item, resumes it and
     * waits until the failure ladder has suspended it again with the connector's error.
     */
    private String deliverWithDeletionFault(String name, TransportSettings transport) throws Exception {
        port(name, transport, null);
        ports.changeState(TESTER, portName(name), PortState.STOPPED);
        String id = publish(name, "<order/>").messageId();
        WorkItem waiting = item(id);
        execute(messageBox(), "insert into " + faultTable + " (work_item_id) values (" + waiting.id() + ")");
        ports.changeState(TESTER, portName(name), PortState.STARTED);

        assertThat(suspended.resume(TESTER, List.of(waiting.id()))).singleElement()
                .satisfies(r -> assertThat(r.applied()).isTrue());
        eventually().until(() -> item(id).state() == WorkItemState.SUSPENDED && item(id).errorAdapter() != null);
        assertThat(item(id).errorAdapter()).isEqualTo(transport.adapter());
        assertThat(item(id).errorText()).as("the MessageBox's refusal, naming the constraint's table")
                .containsIgnoringCase(faultTable);
        return id;
    }

    private void liftFaultAndResume(String messageId) throws Exception {
        execute(messageBox(), "delete from " + faultTable);
        assertThat(suspended.resume(TESTER, List.of(item(messageId).id()))).singleElement()
                .satisfies(r -> assertThat(r.applied()).isTrue());
        eventually().until(() -> gone(messageId));
    }

    private WorkItem item(String messageId) {
        return queries.message(messageId).orElseThrow().workItems().get(0);
    }

    private static int onQueue(String messageId) throws Exception {
        try (JMSContext context = connectionFactory().createContext();
             QueueBrowser browser = context.createBrowser(queue(), selector(messageId))) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private static String selector(String messageId) {
        return "ConveyorMessageId = '" + messageId + "'";
    }

    private static Queue queue() throws Exception {
        return (Queue) new InitialContext().lookup("java:/jms/queue/conveyor.sample");
    }

    private static ConnectionFactory connectionFactory() throws Exception {
        return (ConnectionFactory) new InitialContext().lookup("java:/ConnectionFactory");
    }

    private static DataSource messageBox() throws Exception {
        return (DataSource) new InitialContext().lookup("java:/conveyor/MessageBoxDS");
    }

    private static DataSource target() throws Exception {
        return (DataSource) new InitialContext().lookup("java:/conveyor/SampleTargetDS");
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int count(DataSource dataSource, String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
