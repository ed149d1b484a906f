package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.engine.admin.Actor;
import io.conveyor.engine.messagebox.AuditAction;
import io.conveyor.engine.messagebox.AuditEntry;
import io.conveyor.engine.messagebox.AuditLog;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit row of a change belongs to the change's transaction: rolled back together, committed together. The
 * services take the actor from their caller.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class AuditTransactionIT extends InContainerSupport {

    @Inject
    AuditLog audit;
    @Inject
    UserTransaction transaction;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(AuditTransactionIT.class);
    }

    private SendPortDefinition definition(String name) {
        return new SendPortDefinition(portName(name), "Run = '" + run + "' and Target = '" + name + "'", PortState.STOPPED,
                SendPortDefinition.DEFAULT_PRIORITY, new TransportSettings(ProbeType.PROBE_SINGLE.name(),
                "probe://" + name, Map.of(), 0, 1), null);
    }

    private List<AuditEntry> rowsOf(String name) {
        return audit.find(new AuditLog.Query(null, null, portName(name), null, null, 100));
    }

    @Test
    @DisplayName("a change whose transaction rolls back leaves neither the change nor its audit row")
    void rolledBackTogether() throws Exception {
        transaction.begin();
        try {
            ports.create(new Actor("alice"), definition("undone"));
            ports.changeState(new Actor("alice"), portName("undone"), PortState.STARTED);
            assertThat(rowsOf("undone")).as("visible inside the transaction").hasSize(2);
        } finally {
            transaction.rollback();
        }

        assertThat(ports.list()).noneMatch(port -> port.name().equals(portName("undone")));
        assertThat(rowsOf("undone")).isEmpty();
    }

    @Test
    @DisplayName("a committed change has its row, with the actor its caller named")
    void committedTogether() throws Exception {
        transaction.begin();
        ports.create(new Actor("bob"), definition("done"));
        transaction.commit();

        assertThat(rowsOf("done")).singleElement().satisfies(row -> {
            assertThat(row.actor()).isEqualTo("bob");
            assertThat(row.action()).isEqualTo(AuditAction.PORT_CREATED);
        });
        ports.delete(TESTER, portName("done"));
        assertThat(rowsOf("done")).extracting(AuditEntry::actor).containsExactly(TESTER.name(), "bob");
    }
}
