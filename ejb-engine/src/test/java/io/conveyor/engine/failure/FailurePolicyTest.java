package io.conveyor.engine.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.messagebox.Disposition;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.TestDeliveries;
import io.conveyor.engine.messagebox.TransportRole;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The default failure ladder when a transmission throws: retry, then the backup transport, then suspension. */
class FailurePolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final String ADDRESS = "http://partner:secret@example.org/orders";
    private static final TransportSettings PRIMARY = new TransportSettings("HTTP", ADDRESS, Map.of(), 3, 5, null);
    private static final TransportSettings BACKUP = new TransportSettings("FILE", "/tmp/conveyor/fallback", Map.of(), 2, 7, null);
    private static final IOException ERROR = new IOException("answered HTTP 503");

    @Test
    @DisplayName("with retries left, the message is resubmitted for now + the retry interval, with the error recorded")
    void retriesFirst() {
        EngineMessage message = deliveredMessage();
        Disposition outcome = FailurePolicy.onTransmitFailure(item(TransportRole.PRIMARY, 2, 5), message,
                port(false, false, BACKUP), ERROR, "HTTP", NOW);
        assertThat(outcome.type()).isEqualTo(OperationType.RESUBMIT);
        assertThat(outcome.resubmitAt()).isEqualTo(NOW.plusSeconds(5 * 60));
        assertThat(outcome.failure()).isEqualTo(new Disposition.FailureInfo("java.io.IOException: answered HTTP 503", "HTTP",
                "http://partner:********@example.org/orders"));
        assertThat(message.errorInfo()).isSameAs(ERROR);
    }

    @Test
    @DisplayName("with no retry left on the primary transport, the message moves to the backup with the backup's retry settings")
    void thenTheBackup() {
        Disposition outcome = FailurePolicy.onTransmitFailure(item(TransportRole.PRIMARY, 0, 5), deliveredMessage(),
                port(false, false, BACKUP), ERROR, "HTTP", NOW);
        assertThat(outcome.type()).isEqualTo(OperationType.MOVE_TO_NEXT_TRANSPORT);
        assertThat(outcome.backup()).isEqualTo(new Disposition.BackupTransport("FILE", 2, 7));
    }

    @Test
    @DisplayName("with no retry left on the backup, or no backup, the message is suspended resumable")
    void thenSuspension() {
        Disposition onBackup = FailurePolicy.onTransmitFailure(item(TransportRole.BACKUP, 0, 7), deliveredMessage(),
                port(false, false, BACKUP), ERROR, "FILE", NOW);
        Disposition noBackup = FailurePolicy.onTransmitFailure(item(TransportRole.PRIMARY, 0, 5), deliveredMessage(),
                port(false, false, null), ERROR, "HTTP", NOW);
        for (Disposition outcome : new Disposition[] {onBackup, noBackup}) {
            assertThat(outcome.type()).isEqualTo(OperationType.MOVE_TO_SUSPEND_Q);
            assertThat(outcome.nonResumable()).isFalse();
        }
    }

    @Test
    @DisplayName("a solicit of a two-way port, or a message the adapter marked, is suspended non-resumable")
    void nonResumableSuspensions() {
        EngineMessage solicit = deliveredMessage();
        solicit.context().write(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE, Boolean.TRUE);
        EngineMessage marked = deliveredMessage();
        marked.context().write(SystemProperties.SUSPEND_AS_NON_RESUMABLE, SystemProperties.NAMESPACE, Boolean.TRUE);
        for (EngineMessage message : new EngineMessage[] {solicit, marked}) {
            Disposition outcome = FailurePolicy.onTransmitFailure(item(TransportRole.PRIMARY, 0, 5), message,
                    port(false, false, null), ERROR, "HTTP", NOW);
            assertThat(outcome.type()).isEqualTo(OperationType.MOVE_TO_SUSPEND_Q);
            assertThat(outcome.nonResumable()).isTrue();
        }
    }

    @Test
    @DisplayName("an ordered port that goes on after a failure suspends non-resumable; one that stops suspends resumable")
    void orderedPorts() {
        Disposition goingOn = FailurePolicy.onTransmitFailure(item(TransportRole.PRIMARY, 0, 5), deliveredMessage(),
                port(true, false, null), ERROR, "HTTP", NOW);
        Disposition stopping = FailurePolicy.onTransmitFailure(item(TransportRole.PRIMARY, 0, 5), deliveredMessage(),
                port(true, true, null), ERROR, "HTTP", NOW);
        assertThat(goingOn.nonResumable()).isTrue();
        assertThat(stopping.nonResumable()).isFalse();
    }

    @Test
    @DisplayName("the PropertiesToUpdate of the message's context travel with the disposition")
    void propertiesToUpdateCarried() {
        EngineMessage message = deliveredMessage();
        String document = "<PropertiesToUpdate><Property name='Attempt' nameSpace='urn:x' vt='3'>2</Property></PropertiesToUpdate>";
        message.context().write(SystemProperties.PROPERTIES_TO_UPDATE, SystemProperties.NAMESPACE, document);
        Disposition outcome = FailurePolicy.onTransmitFailure(item(TransportRole.PRIMARY, 1, 5), message,
                port(false, false, null), ERROR, "HTTP", NOW);
        assertThat(outcome.propertiesToUpdate()).isEqualTo(document);
    }

    private static EngineMessage deliveredMessage() {
        EngineMessage message = TestDeliveries.deliveredMessage();
        message.context().write(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE, ADDRESS);
        return message;
    }

    private static WorkItem item(TransportRole transport, int retriesLeft, int retryInterval) {
        return TestDeliveries.workItem(transport, transport == TransportRole.PRIMARY ? "HTTP" : "FILE", retriesLeft,
                retryInterval, 1, null, null, NOW);
    }

    private static SendPort port(boolean ordered, boolean stopOnFailure, TransportSettings backup) {
        return new SendPort("port-1", new SendPortDefinition("orders", null, PortState.STARTED, 5, false, false, ordered,
                stopOnFailure, PRIMARY, backup), NOW);
    }
}
