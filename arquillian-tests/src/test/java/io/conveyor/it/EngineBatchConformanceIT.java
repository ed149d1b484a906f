package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Outcome;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeCall;
import io.conveyor.it.probe.ProbeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Engine batches of a batch-aware adapter (send-adapter contract §2.6, §2.7 in {@code docs/send-adapter-contract.md}):
 * B1–B10, against the probe connector.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class EngineBatchConformanceIT extends InContainerSupport {

    private final ProbeState probe = Probe.of(ProbeType.PROBE_BATCH.name());

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(EngineBatchConformanceIT.class);
    }

    @Test
    @DisplayName("B1 each engine batch is a fresh object driven GetBatch, BeginBatch, TransmitMessage x n, Done, in that order")
    void callOrderPerBatch() {
        port("b1", ProbeType.PROBE_BATCH.name(), 0, 1);
        List<String> ids = publishMany("b1", 6, Map.of());
        eventually().until(() -> ids.stream().allMatch(this::gone));

        for (int batch : batchesOf(ids)) {
            List<String> methods = probe.calls().stream().filter(c -> c.batch() == batch).map(ProbeCall::method).toList();
            assertThat(methods.get(0)).isEqualTo("beginBatch");
            assertThat(methods.get(methods.size() - 1)).isEqualTo("done");
            assertThat(methods.subList(1, methods.size() - 1)).containsOnly("transmitMessage");
        }
        assertThat(probe.calls("getBatch")).hasSizeGreaterThanOrEqualTo(batchesOf(ids).size());
    }

    @Test
    @DisplayName("B2 no engine batch gets more messages than the maxBatchSize BeginBatch announced")
    void maxBatchSizeHonoured() {
        probe.maxBatchSize(5);
        port("b2", ProbeType.PROBE_BATCH.name(), 0, 1);
        List<String> ids = new ArrayList<>();
        List<PublishReceipt> receipts = publisher.publishAll(java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> message("b2", "m" + i, Map.of())).toList());
        receipts.forEach(r -> ids.add(r.messageId()));
        eventually().until(() -> ids.stream().allMatch(this::gone));
        probe.maxBatchSize(10);

        Map<Integer, Long> sizes = transmitsPerBatch(call -> ids.contains(call.messageId()));
        assertThat(sizes.values()).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(5));
        assertThat(sizes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
    }

    @Test
    @DisplayName("B3 B4 Done is never called on an empty batch, and gets a null commit-confirm when BeginBatch returned no transaction")
    void doneNeverEmptyAndWithoutConfirm() {
        port("b3", ProbeType.PROBE_BATCH.name(), 0, 1);
        List<String> ids = publishMany("b3", 4, Map.of());
        eventually().until(() -> ids.stream().allMatch(this::gone));

        List<Integer> batches = batchesOf(ids);
        List<ProbeCall> dones = probe.calls().stream().filter(c -> batches.contains(c.batch()) && c.method().startsWith("done"))
                .toList();
        assertThat(dones).hasSize(batches.size()).extracting(ProbeCall::method).containsOnly("done");
        assertThat(probe.calls().stream().filter(c -> c.method().startsWith("done")))
                .allSatisfy(done -> assertThat(probe.calls("transmitMessage")).anyMatch(t -> t.batch() == done.batch()));
    }

    @Test
    @DisplayName("B5 when BeginBatch returns a transaction, Done receives a non-null commit-confirm")
    void transactionalBatchGetsConfirm() {
        probe.transactional(true);
        port("b5", ProbeType.PROBE_BATCH.name(), 0, 1);
        PublishReceipt receipt = publish("b5", "transactional", Map.of("Outcome", "HOLD"));
        eventually().until(() -> probe.held().containsKey(receipt.messageId()));
        probe.transactional(false);

        int batch = batchesOf(List.of(receipt.messageId())).get(0);
        eventually().until(() -> probe.calls().stream().anyMatch(c -> c.batch() == batch && c.method().startsWith("done")));
        assertThat(probe.calls().stream().filter(c -> c.batch() == batch && c.method().startsWith("done")))
                .extracting(ProbeCall::method).containsExactly("done(confirm)");
    }

    @Test
    @DisplayName("B6 TransmitMessage throwing on the 2nd of 4: the engine still pushes 3 and 4, calls Clear, not Done, and fails all 4")
    void failureInBatchClearsAndFailsAll() {
        probe.maxBatchSize(4);
        port("b6", ProbeType.PROBE_BATCH.name(), 1, 5);
        List<PublishReceipt> receipts = publisher.publishAll(List.of(
                message("b6", "1", Map.of("Outcome", "HOLD")), message("b6", "2", Map.of("Outcome", "THROW")),
                message("b6", "3", Map.of("Outcome", "SEND")), message("b6", "4", Map.of("Outcome", "HOLD"))));
        List<String> ids = receipts.stream().map(PublishReceipt::messageId).toList();
        eventually().until(() -> ids.stream().allMatch(id -> state(id) == WorkItemState.READY && retriesLeft(id) == 0));
        probe.maxBatchSize(10);

        int batch = batchesOf(ids.subList(1, 2)).get(0);
        assertThat(probe.calls().stream().filter(c -> c.batch() == batch).map(ProbeCall::method))
                .containsExactly("beginBatch", "transmitMessage", "transmitMessage", "transmitMessage", "transmitMessage", "clear");
        assertThat(ids).allSatisfy(id -> assertThat(queries.message(id).orElseThrow().workItems().get(0).errorText())
                .contains("probe failure for message " + ids.get(1)));
    }

    @Test
    @DisplayName("B7 Done throwing gives every message of the batch the default failure policy")
    void doneThrowingFailsAll() {
        probe.doneThrows(true);
        port("b7", ProbeType.PROBE_BATCH.name(), 0, 1);
        List<String> ids = publishMany("b7", 3, Map.of("Outcome", "SEND"));
        eventually().until(() -> ids.stream().allMatch(id -> state(id) == WorkItemState.SUSPENDED));
        probe.doneThrows(false);

        assertThat(ids).allSatisfy(id -> assertThat(queries.message(id).orElseThrow().workItems().get(0).errorText())
                .contains("done fails"));
    }

    @Test
    @DisplayName("B8 a batch whose messages all answer true is deleted by the engine after Done")
    void allTrueDeletedAfterDone() {
        port("b8", ProbeType.PROBE_BATCH.name(), 0, 1);
        List<String> ids = publishMany("b8", 5, Map.of("Outcome", "SEND"));
        eventually().until(() -> ids.stream().allMatch(this::gone));

        assertThat(probe.calls("transmitMessage")).filteredOn(c -> ids.contains(c.messageId())).hasSize(5);
    }

    @Test
    @DisplayName("B9 mixed answers in one batch: the true message is deleted, the false one waits for the adapter")
    void mixedAnswers() {
        port("b9", ProbeType.PROBE_BATCH.name(), 0, 1);
        List<PublishReceipt> receipts = publisher.publishAll(List.of(message("b9", "sent", Map.of("Outcome", "SEND")),
                message("b9", "held", Map.of("Outcome", "HOLD"))));
        String sent = receipts.get(0).messageId();
        String held = receipts.get(1).messageId();
        eventually().until(() -> gone(sent) && probe.held().containsKey(held));

        assertThat(batchesOf(List.of(sent))).isEqualTo(batchesOf(List.of(held)));
        assertThat(state(held)).isEqualTo(WorkItemState.IN_PROCESS);
    }

    @Test
    @DisplayName("B10 one engine batch may carry messages of different send ports, each with its own context")
    void batchMixesPorts() {
        port("b10-a", ProbeType.PROBE_BATCH.name(), 0, 1);
        port("b10-b", ProbeType.PROBE_BATCH.name(), 0, 1);
        List<PublishReceipt> receipts = publisher.publishAll(List.of(message("b10-a", "a", Map.of()), message("b10-b", "b", Map.of())));
        String a = receipts.get(0).messageId();
        String b = receipts.get(1).messageId();
        eventually().until(() -> gone(a) && gone(b));

        assertThat(batchesOf(List.of(a))).isEqualTo(batchesOf(List.of(b)));
        assertThat(probe.delivered().get(a).context().readString("OutboundTransportLocation", "urn:conveyor:system-properties"))
                .isEqualTo("probe://b10-a");
        assertThat(probe.delivered().get(b).context().readString("OutboundTransportLocation", "urn:conveyor:system-properties"))
                .isEqualTo("probe://b10-b");
    }

    private List<String> publishMany(String target, int count, Map<String, Object> promoted) {
        return publisher.publishAll(java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> message(target, target + " " + i, promoted)).toList())
                .stream().map(PublishReceipt::messageId).toList();
    }

    private List<Integer> batchesOf(List<String> messageIds) {
        return probe.calls("transmitMessage").stream().filter(c -> messageIds.contains(c.messageId()))
                .map(ProbeCall::batch).distinct().sorted().toList();
    }

    private Map<Integer, Long> transmitsPerBatch(Predicate<ProbeCall> filter) {
        return probe.calls("transmitMessage").stream().filter(filter)
                .collect(Collectors.groupingBy(ProbeCall::batch, Collectors.counting()));
    }

    private WorkItemState state(String messageId) {
        return queries.message(messageId).map(m -> m.workItems().get(0).state()).orElse(null);
    }

    private int retriesLeft(String messageId) {
        return queries.message(messageId).map(m -> m.workItems().get(0)).map(WorkItem::retriesLeft).orElse(-1);
    }
}
