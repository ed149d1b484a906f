package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.engine.admin.SuspendedMessages;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeState;
import jakarta.inject.Inject;
import java.time.Duration;
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
 * The failure ladder (send-adapter contract §4 in {@code docs/send-adapter-contract.md}): retries, the backup
 * transport, the suspended queue, PropertiesToUpdate. F1–F10.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class FailureLadderConformanceIT extends InContainerSupport {

    private static final String PTU = "<PropertiesToUpdate><Property name=\"RetryAttempts\" nameSpace=\"urn:x\" vt=\"3\">4"
            + "</Property></PropertiesToUpdate>";

    private final ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name());

    @Inject
    SuspendedMessages suspended;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(FailureLadderConformanceIT.class);
    }

    @Test
    @DisplayName("F1 RetryCount 3, RetryInterval 1, an endpoint that always fails: 4 deliveries a minute apart, then suspended")
    void retriesThenSuspends() {
        port("f1", ProbeType.PROBE_SINGLE.name(), 3, 1);
        String id = publish("f1", "always failing", Map.of("Outcome", "THROW")).messageId();
        for (int attempt = 1; attempt <= 3; attempt++) {
            int retriesLeft = 3 - attempt;
            int deliveries = attempt;
            eventually().until(() -> transmits(id) == deliveries && item(id).state() == WorkItemState.READY
                    && item(id).retriesLeft() == retriesLeft);
            assertThat(item(id).nextAttemptAt()).isAfter(clock.instant().plus(Duration.ofSeconds(50)));
            clock.advance(Duration.ofMinutes(1));
        }
        eventually().until(() -> item(id).state() == WorkItemState.SUSPENDED);
        assertThat(transmits(id)).isEqualTo(4);
    }

    @Test
    @DisplayName("F2 F3 a message resubmitted for time T is not delivered before T; then it comes back with one retry less")
    void resubmitWaitsForItsTime() {
        port("f2", ProbeType.PROBE_SINGLE.name(), 2, 10);
        Message held = hold("f2");
        TransportBatch batch = probe.proxy().getBatch(new BatchRecorder(), null);
        batch.resubmit(held, clock.instant().plus(Duration.ofMinutes(10)));
        batch.done();
        eventually().until(() -> item(held.messageId()).state() == WorkItemState.READY);

        clock.advance(Duration.ofMinutes(5));
        String marker = publish("f2", "proves the dispatcher polled").messageId();
        eventually().until(() -> gone(marker));
        assertThat(transmits(held.messageId())).isEqualTo(1);

        clock.advance(Duration.ofMinutes(6));
        eventually().until(() -> transmits(held.messageId()) == 2);
        assertThat(probe.delivered().get(held.messageId()).context()
                .read(SystemProperties.RETRY_COUNT, SystemProperties.NAMESPACE)).isEqualTo(1);
    }

    @Test
    @DisplayName("F5 the error attached with SetErrorInfo before MoveToSuspendQ is the suspended message's error description")
    void errorInfoKeptWithSuspension() {
        port("f5", ProbeType.PROBE_SINGLE.name(), 0, 1);
        Message held = hold("f5");
        held.setErrorInfo(new IllegalStateException("the partner's endpoint answered 503"));
        TransportBatch batch = probe.proxy().getBatch(new BatchRecorder(), null);
        batch.moveToSuspendQ(held);
        batch.done();

        eventually().until(() -> item(held.messageId()).state() == WorkItemState.SUSPENDED);
        assertThat(item(held.messageId()).errorText()).contains("the partner's endpoint answered 503");
        assertThat(item(held.messageId()).errorAdapter()).isEqualTo(ProbeType.PROBE_SINGLE.name());
        assertThat(item(held.messageId()).errorAddress()).isEqualTo("probe://f5");
    }

    @Test
    @DisplayName("F6 the proxy's SetErrorInfo is recorded with the adapter's status and affects no message")
    void proxyErrorInfo() {
        port("f6", ProbeType.PROBE_SINGLE.name(), 0, 1);
        Message held = hold("f6");
        probe.proxy().setErrorInfo(new IllegalStateException("bookkeeping trouble " + run));

        assertThat(adapters.get(ProbeType.PROBE_SINGLE.name()).status().lastError()).contains("bookkeeping trouble " + run);
        assertThat(item(held.messageId()).state()).isEqualTo(WorkItemState.IN_PROCESS);
    }

    @Test
    @DisplayName("F7 PropertiesToUpdate written before Resubmit is in the redelivered message's context, typed")
    void propertiesToUpdateSurviveResubmit() {
        port("f7", ProbeType.PROBE_SINGLE.name(), 2, 1);
        Message held = hold("f7");
        held.context().write(SystemProperties.PROPERTIES_TO_UPDATE, SystemProperties.NAMESPACE, PTU);
        TransportBatch batch = probe.proxy().getBatch(new BatchRecorder(), null);
        batch.resubmit(held, clock.instant());
        batch.done();

        eventually().until(() -> transmits(held.messageId()) == 2);
        assertThat(probe.delivered().get(held.messageId()).context().read("RetryAttempts", "urn:x")).isEqualTo(4);
    }

    @Test
    @DisplayName("F8 PropertiesToUpdate written before MoveToSuspendQ is in the context of the resumed message")
    void propertiesToUpdateSurviveResume() {
        port("f8", ProbeType.PROBE_SINGLE.name(), 0, 1);
        Message held = hold("f8");
        held.context().write(SystemProperties.PROPERTIES_TO_UPDATE, SystemProperties.NAMESPACE, PTU);
        TransportBatch batch = probe.proxy().getBatch(new BatchRecorder(), null);
        batch.moveToSuspendQ(held);
        batch.done();
        eventually().until(() -> item(held.messageId()).state() == WorkItemState.SUSPENDED);

        assertThat(suspended.resume(TESTER, List.of(item(held.messageId()).id()))).singleElement()
                .satisfies(result -> assertThat(result.applied()).isTrue());
        eventually().until(() -> transmits(held.messageId()) == 2);
        assertThat(probe.delivered().get(held.messageId()).context().read("RetryAttempts", "urn:x")).isEqualTo(4);
    }

    @Test
    @DisplayName("F9 C3 a message moved to the backup transport is delivered with the backup's adapter, address, properties and retry settings")
    void backupDelivery() {
        ProbeState backup = Probe.of(ProbeType.PROBE_NOLOAD.name());
        port("f9", new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://primary-f9", Map.of("label", "primary"), 1, 1),
                new TransportSettings(ProbeType.PROBE_NOLOAD.name(), "probe://backup-f9", Map.of("label", "backup"), 2, 7));
        Message held = hold("f9");
        TransportBatch batch = probe.proxy().getBatch(new BatchRecorder(), null);
        batch.moveToNextTransport(held);
        batch.done();

        eventually().until(() -> backup.delivered().containsKey(held.messageId()));
        Message onBackup = backup.delivered().get(held.messageId());
        String namespace = adapters.get(ProbeType.PROBE_NOLOAD.name()).metadata().propertyNamespace();
        assertThat(onBackup.context().read(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE))
                .isEqualTo("probe://backup-f9");
        assertThat(onBackup.context().read("label", namespace)).isEqualTo("backup");
        assertThat(onBackup.context().read(SystemProperties.ADAPTER_CONFIG, namespace)).isEqualTo("{\"label\":\"backup\"}");
        assertThat(onBackup.context().read(SystemProperties.RETRY_COUNT, SystemProperties.NAMESPACE)).isEqualTo(2);
        assertThat(onBackup.context().read(SystemProperties.RETRY_INTERVAL, SystemProperties.NAMESPACE)).isEqualTo(7);
    }

    @Test
    @DisplayName("F10 when the backup transport also exhausts its retries, the message is suspended with the backup's error")
    void backupExhaustedSuspends() {
        port("f10", new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://primary-f10", Map.of(), 0, 1),
                new TransportSettings(ProbeType.PROBE_NOLOAD.name(), "probe://backup-f10", Map.of(), 0, 1));
        PublishReceipt receipt = publish("f10", "fails everywhere", Map.of("Outcome", "THROW"));

        eventually().until(() -> item(receipt.messageId()).state() == WorkItemState.SUSPENDED);
        WorkItem item = item(receipt.messageId());
        assertThat(item.errorAdapter()).isEqualTo(ProbeType.PROBE_NOLOAD.name());
        assertThat(item.errorAddress()).isEqualTo("probe://backup-f10");
        assertThat(Probe.of(ProbeType.PROBE_NOLOAD.name()).calls("transmitMessage"))
                .anyMatch(call -> receipt.messageId().equals(call.messageId()));
    }

    private Message hold(String target) {
        String id = publish(target, "held by " + target, Map.of("Outcome", "HOLD")).messageId();
        eventually().until(() -> probe.held().containsKey(id));
        return probe.held().get(id);
    }

    private long transmits(String messageId) {
        return probe.calls("transmitMessage").stream().filter(c -> messageId.equals(c.messageId())).count();
    }

    private WorkItem item(String messageId) {
        return queries.message(messageId).orElseThrow().workItems().get(0);
    }
}
