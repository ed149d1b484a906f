package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.StatusCode;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Outcome;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeCall;
import io.conveyor.it.probe.ProbeState;
import java.time.Duration;
import java.util.ArrayList;
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
 * The single-message path (send-adapter contract §2.5 in {@code docs/send-adapter-contract.md}) and the engine's
 * default failure policy (§4.3): S1–S7.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class SingleMessageConformanceIT extends InContainerSupport {

    private final ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name());

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(SingleMessageConformanceIT.class);
    }

    @Test
    @DisplayName("S1 a batch-unaware adapter gets transmitMessage exactly once per message")
    void transmitOncePerMessage() {
        probe.byScenario();
        port("s1", ProbeType.PROBE_SINGLE.name(), 0, 1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(publish("s1", "message " + i).messageId());
        }
        eventually().until(() -> ids.stream().allMatch(this::gone));

        for (String id : ids) {
            assertThat(probe.calls("transmitMessage")).filteredOn(call -> id.equals(call.messageId())).hasSize(1);
        }
    }

    @Test
    @DisplayName("S2 transmitMessage returning true makes the engine delete the message")
    void trueDeletes() {
        probe.byScenario();
        port("s2", ProbeType.PROBE_SINGLE.name(), 0, 1);
        PublishReceipt receipt = publish("s2", "sent", Map.of("Outcome", "SEND"));

        eventually().until(() -> gone(receipt.messageId()));
        assertThat(probe.calls("transmitMessage")).extracting(ProbeCall::messageId).contains(receipt.messageId());
    }

    @Test
    @DisplayName("S3 transmitMessage returning false leaves the message in process, neither deleted nor retried")
    void falseLeavesMessageWithAdapter() {
        probe.byScenario();
        port("s3", ProbeType.PROBE_SINGLE.name(), 3, 1);
        PublishReceipt held = publish("s3", "held", Map.of("Outcome", "HOLD"));
        eventually().until(() -> probe.held().containsKey(held.messageId()));
        PublishReceipt later = publish("s3", "a later message, proving the dispatcher moved on", Map.of("Outcome", "SEND"));
        eventually().until(() -> gone(later.messageId()));
        clock.advance(Duration.ofMinutes(10));
        PublishReceipt afterRetryTime = publish("s3", "after the retry interval", Map.of("Outcome", "SEND"));
        eventually().until(() -> gone(afterRetryTime.messageId()));

        WorkItem item = queries.message(held.messageId()).orElseThrow().workItems().get(0);
        assertThat(item.state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(probe.calls("transmitMessage")).filteredOn(call -> held.messageId().equals(call.messageId())).hasSize(1);
    }

    @Test
    @DisplayName("S4 a message answered false is removed by the adapter's DeleteMessage, and BatchComplete reports success")
    void adapterDeletesThroughProxyBatch() {
        probe.byScenario();
        port("s4", ProbeType.PROBE_SINGLE.name(), 0, 1);
        PublishReceipt receipt = publish("s4", "held then deleted", Map.of("Outcome", "HOLD"));
        eventually().until(() -> probe.held().containsKey(receipt.messageId()));

        BatchRecorder callback = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(callback, "s4");
        batch.deleteMessage(probe.held().get(receipt.messageId()));
        batch.done();

        eventually().until(callback::completed);
        assertThat(callback.single().status()).isEqualTo(StatusCode.OK);
        assertThat(callback.single().operations()).singleElement().satisfies(op -> {
            assertThat(op.type()).isEqualTo(OperationType.DELETE);
            assertThat(op.status()).isEqualTo(StatusCode.OK);
            assertThat(op.messageCount()).isEqualTo(1);
        });
        eventually().until(() -> gone(receipt.messageId()));
    }

    @Test
    @DisplayName("S5 transmitMessage throwing with retries left schedules the message after RetryInterval, one retry consumed")
    void throwWithRetriesLeftSchedulesRetry() {
        probe.byScenario();
        port("s5", ProbeType.PROBE_SINGLE.name(), 2, 5);
        PublishReceipt receipt = publish("s5", "fails once", Map.of("Outcome", "THROW"));
        eventually().until(() -> queries.message(receipt.messageId()).orElseThrow().workItems().get(0).state() == WorkItemState.READY
                && queries.message(receipt.messageId()).orElseThrow().workItems().get(0).retriesLeft() == 1);

        WorkItem item = queries.message(receipt.messageId()).orElseThrow().workItems().get(0);
        assertThat(item.nextAttemptAt()).isAfter(clock.instant().plus(Duration.ofMinutes(4)));
        assertThat(item.errorText()).contains("probe failure");
        assertThat(probe.calls("transmitMessage")).filteredOn(c -> receipt.messageId().equals(c.messageId())).hasSize(1);

        clock.advance(Duration.ofMinutes(6));
        eventually().until(() -> probe.calls("transmitMessage").stream()
                .filter(c -> receipt.messageId().equals(c.messageId())).count() == 2);
        assertThat(probe.delivered().get(receipt.messageId()).context()
                .read(SystemProperties.RETRY_COUNT, SystemProperties.NAMESPACE))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("S6 transmitMessage throwing with no retry left moves the message to the backup transport")
    void throwWithoutRetriesMovesToBackup() {
        probe.byScenario();
        ProbeState backup = Probe.of(ProbeType.PROBE_NOLOAD.name()).always(Outcome.SEND);
        port("s6", new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://primary", Map.of(), 0, 1),
                new TransportSettings(ProbeType.PROBE_NOLOAD.name(), "probe://backup", Map.of(), 2, 3));
        PublishReceipt receipt = publish("s6", "to the backup", Map.of("Outcome", "THROW"));

        eventually().until(() -> gone(receipt.messageId()));
        assertThat(backup.calls("transmitMessage")).extracting(ProbeCall::messageId).contains(receipt.messageId());
        assertThat(backup.delivered().get(receipt.messageId()).context()
                .read(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE))
                .isEqualTo("probe://backup");
        assertThat(backup.delivered().get(receipt.messageId()).context()
                .read(SystemProperties.RETRY_COUNT, SystemProperties.NAMESPACE))
                .isEqualTo(2);
    }

    @Test
    @DisplayName("S7 transmitMessage throwing with no retry and no backup suspends the message, resumable, with the error")
    void throwWithoutRetriesOrBackupSuspends() {
        probe.byScenario();
        port("s7", ProbeType.PROBE_SINGLE.name(), 0, 1);
        PublishReceipt receipt = publish("s7", "suspended", Map.of("Outcome", "THROW"));

        eventually().until(() -> queries.message(receipt.messageId()).orElseThrow().workItems().get(0).state()
                == WorkItemState.SUSPENDED);
        WorkItem item = queries.message(receipt.messageId()).orElseThrow().workItems().get(0);
        assertThat(item.errorText()).contains("probe failure for message " + receipt.messageId());
        assertThat(item.errorAdapter()).isEqualTo(ProbeType.PROBE_SINGLE.name());
        assertThat(item.errorAddress()).isEqualTo("probe://s7");
        assertThat(item.suspendedAt()).isNotNull();
    }
}
