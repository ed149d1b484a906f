package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.TransportBatch;
import io.conveyor.engine.admin.SuspendedMessages;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeCall;
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
 * Ordered delivery (send-adapter contract §4.7 in {@code docs/send-adapter-contract.md}): O1–O4, O6, on a batch-aware
 * probe.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class OrderedDeliveryConformanceIT extends InContainerSupport {

    private final ProbeState probe = Probe.of(ProbeType.PROBE_BATCH.name());

    @Inject
    SuspendedMessages suspended;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(OrderedDeliveryConformanceIT.class);
    }

    @Test
    @DisplayName("O1 O2 an ordered port gets one message per engine batch, the next only after the previous one was deleted")
    void oneAtATimeInOrder() {
        orderedPort("o1", false, 0);
        List<String> ids = publisher.publishAll(List.of(message("o1", "1", Map.of("Outcome", "HOLD")),
                message("o1", "2", Map.of("Outcome", "HOLD")), message("o1", "3", Map.of("Outcome", "HOLD"))))
                .stream().map(PublishReceipt::messageId).toList();

        for (int k = 0; k < ids.size(); k++) {
            String current = ids.get(k);
            eventually().until(() -> probe.held().containsKey(current));
            List<String> later = ids.subList(k + 1, ids.size());
            assertThat(deliveredIds()).filteredOn(later::contains).isEmpty();
            assertThat(inProcess("o1")).isEqualTo(1);
            delete(current);
            eventually().until(() -> gone(current));
        }
        assertThat(deliveredIds().stream().filter(ids::contains).toList()).containsExactlyElementsOf(ids);
        assertThat(probe.calls("transmitMessage").stream().filter(c -> ids.contains(c.messageId())).map(ProbeCall::batch)
                .distinct().count()).isEqualTo(3);
    }

    @Test
    @DisplayName("O3 without stop-on-failure, a message that finally fails is suspended non-resumable and the next one goes on")
    void failureSuspendsNonResumableAndGoesOn() {
        orderedPort("o3", false, 0);
        List<String> ids = publisher.publishAll(List.of(message("o3", "1", Map.of("Outcome", "THROW")),
                message("o3", "2", Map.of("Outcome", "SEND")))).stream().map(PublishReceipt::messageId).toList();

        eventually().until(() -> gone(ids.get(1)));
        assertThat(item(ids.get(0)).state()).isEqualTo(WorkItemState.SUSPENDED_NON_RESUMABLE);
    }

    @Test
    @DisplayName("O4 with stop-on-failure, a message that finally fails holds the port back until it is resumed or terminated")
    void stopOnFailureHoldsThePort() {
        orderedPort("o4", true, 0);
        List<String> ids = publisher.publishAll(List.of(message("o4", "1", Map.of("Outcome", "THROW")),
                message("o4", "2", Map.of("Outcome", "SEND")))).stream().map(PublishReceipt::messageId).toList();
        eventually().until(() -> item(ids.get(0)).state() == WorkItemState.SUSPENDED);
        String marker = publish("o4-marker", "proves the dispatcher polled").messageId();
        eventually().until(() -> gone(marker));

        assertThat(deliveredIds()).doesNotContain(ids.get(1));
        suspended.terminate(TESTER, List.of(item(ids.get(0)).id()));
        eventually().until(() -> gone(ids.get(1)));
    }

    @Test
    @DisplayName("O6 while message k waits to retry, message k+1 stays queued; k is delivered first when its time comes")
    void retryHoldsTheNextMessage() {
        orderedPort("o6", false, 1);
        List<String> ids = publisher.publishAll(List.of(message("o6", "k", Map.of("Outcome", "THROW_ONCE")),
                message("o6", "k+1", Map.of("Outcome", "SEND")))).stream().map(PublishReceipt::messageId).toList();
        eventually().until(() -> item(ids.get(0)).state() == WorkItemState.READY && item(ids.get(0)).retriesLeft() == 0);
        String marker = publish("o6-marker", "proves the dispatcher polled").messageId();
        eventually().until(() -> gone(marker));

        assertThat(item(ids.get(1)).state()).isEqualTo(WorkItemState.READY);
        assertThat(deliveredIds()).doesNotContain(ids.get(1));
        clock.advance(Duration.ofMinutes(2));
        eventually().until(() -> gone(ids.get(0)) && gone(ids.get(1)));
        List<String> order = deliveredIds().stream().filter(ids::contains).toList();
        assertThat(order).containsExactly(ids.get(0), ids.get(0), ids.get(1));
    }

    private void orderedPort(String name, boolean stopOnFailure, int retryCount) {
        ports.create(TESTER, new SendPortDefinition(portName(name), "Run = '" + run + "' and Target = '" + name + "'",
                PortState.STARTED, 5, false, true, stopOnFailure,
                new TransportSettings(ProbeType.PROBE_BATCH.name(), "probe://" + name, Map.of(), retryCount, 1), null));
        port(name + "-marker", ProbeType.PROBE_BATCH.name(), 0, 1);
    }

    private void delete(String messageId) {
        BatchRecorder callback = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(callback, null);
        batch.deleteMessage(probe.held().get(messageId));
        batch.done();
        eventually().until(callback::completed);
    }

    private List<String> deliveredIds() {
        return probe.calls("transmitMessage").stream().map(ProbeCall::messageId).toList();
    }

    private long inProcess(String target) {
        return workItemsOf(target).stream().filter(item -> item.state() == WorkItemState.IN_PROCESS).count();
    }

    private WorkItem item(String messageId) {
        return queries.message(messageId).orElseThrow().workItems().get(0);
    }
}
