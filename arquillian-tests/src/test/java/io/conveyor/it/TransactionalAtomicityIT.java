package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * All or nothing across XA resources (send-adapter contract §3.4, §5 in {@code docs/send-adapter-contract.md}): a
 * transactional adapter writes a row to a second database, publishes a response and deletes the request in one
 * transaction; faults injected inside that transaction leave all three absent, and the request takes the failure
 * ladder. The adapter is the kit's {@code TransactionalSend}, the path the SQL and JMS connectors take.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class TransactionalAtomicityIT extends InContainerSupport {

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(TransactionalAtomicityIT.class);
    }

    @Test
    @DisplayName("without a fault the row, the response and the deletion are all present")
    void allPresent() throws Exception {
        twoWayPort("ok");
        String id = publish("ok", "write me").messageId();

        eventually().until(() -> gone(id));
        assertThat(rowExists(id)).isTrue();
        assertThat(queries.responseOf(id)).isPresent();
    }

    @Test
    @DisplayName("the adapter's resource votes rollback in prepare: row, response and deletion all absent; the request is suspended with the cause")
    void prepareVotesRollback() throws Exception {
        twoWayPort("prepare");
        String id = publish("prepare", "doomed", Map.of("Fault", "PREPARE")).messageId();

        eventually().until(() -> state(id) == WorkItemState.SUSPENDED_NON_RESUMABLE);
        assertThat(rowExists(id)).isFalse();
        assertThat(queries.responseOf(id)).isEmpty();
        assertThat(item(id).errorText()).containsIgnoringCase("rollback");
    }

    @Test
    @DisplayName("the MessageBox refuses the outcome after the row was written and the response added: the row is rolled back too")
    void messageBoxRefusesAfterTheWrite() throws Exception {
        twoWayPort("refused");
        String id = publish("refused", "bad response", Map.of("Fault", "BAD_RESPONSE")).messageId();

        eventually().until(() -> state(id) == WorkItemState.SUSPENDED_NON_RESUMABLE);
        assertThat(rowExists(id)).isFalse();
        assertThat(queries.responseOf(id)).isEmpty();
    }

    @Test
    @DisplayName("one faulty message in a batch: the batch is rolled back whole, then the good one commits alone and the faulty one leaves nothing")
    void faultyMessageIsIsolated() throws Exception {
        twoWayPort("mixed");
        List<PublishReceipt> receipts = publisher.publishAll(List.of(message("mixed", "good", Map.of()),
                message("mixed", "bad", Map.of("Fault", "PREPARE"))));
        String good = receipts.get(0).messageId();
        String bad = receipts.get(1).messageId();

        eventually().until(() -> gone(good) && state(bad) == WorkItemState.SUSPENDED_NON_RESUMABLE);
        assertThat(rowExists(good)).isTrue();
        assertThat(queries.responseOf(good)).isPresent();
        assertThat(rowExists(bad)).isFalse();
        assertThat(queries.responseOf(bad)).isEmpty();
    }

    private void twoWayPort(String name) {
        ports.create(TESTER, new SendPortDefinition(portName(name), "Run = '" + run + "' and Target = '" + name + "'",
                PortState.STARTED, 5, false, true, false, false,
                new TransportSettings(ProbeType.PROBE_TX.name(), "probe://" + name, Map.of(), 0, 1), null));
    }

    private WorkItemState state(String messageId) {
        return queries.message(messageId).map(m -> m.workItems().get(0).state()).orElse(null);
    }

    private WorkItem item(String messageId) {
        return queries.message(messageId).orElseThrow().workItems().get(0);
    }

    private static boolean rowExists(String messageId) throws Exception {
        DataSource target = (DataSource) new InitialContext().lookup("java:/conveyor/SampleTargetDS");
        try (Connection connection = target.getConnection();
             PreparedStatement select = connection.prepareStatement("select 1 from probe_target where message_id = ?")) {
            select.setString(1, messageId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }
}
