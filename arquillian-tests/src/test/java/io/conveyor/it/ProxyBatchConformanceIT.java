package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageStatus;
import io.conveyor.adapter.OperationStatus;
import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.StatusCode;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Outcome;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeState;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proxy batches and their callbacks (contract §2.9–2.12, §3.2): P1–P5, P7, P11. */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class ProxyBatchConformanceIT extends InContainerSupport {

    private final ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name());

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(ProxyBatchConformanceIT.class);
    }

    @Test
    @DisplayName("P1 BatchComplete is called exactly once, with the cookie given to GetBatch")
    void callbackOnceWithCookie() {
        Message held = heldMessage("p1");
        BatchRecorder callback = new BatchRecorder();
        Object cookie = new Object();
        TransportBatch batch = probe.proxy().getBatch(callback, cookie);
        batch.deleteMessage(held);
        batch.done();

        eventually().until(callback::completed);
        eventually().until(() -> gone(held.messageId()));
        assertThat(callback.completions()).hasSize(1);
        assertThat(callback.single().cookie()).isSameAs(cookie);
    }

    @Test
    @DisplayName("P2 Done returns without waiting for the MessageBox; BatchComplete arrives later on an engine thread")
    void doneIsAsynchronous() {
        Message held = heldMessage("p2");
        BatchRecorder callback = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(callback, null);
        batch.deleteMessage(held);
        batch.done();

        eventually().until(callback::completed);
        assertThat(callback.single().thread()).isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    @DisplayName("P3 Delete, Delete, Resubmit succeed: two status entries, Delete with two per-message statuses in call order")
    void statusesPerTypeInCallOrder() {
        Message m1 = heldMessage("p3a");
        Message m2 = heldMessage("p3b");
        Message m3 = heldMessage("p3c", 3);
        BatchRecorder callback = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(callback, null);
        batch.deleteMessage(m1);
        batch.deleteMessage(m2);
        batch.resubmit(m3, clock.instant().plus(Duration.ofMinutes(1)));
        batch.done();

        eventually().until(callback::completed);
        BatchRecorder.Completion completion = callback.single();
        assertThat(completion.status().isSuccess()).isTrue();
        assertThat(completion.operations()).extracting(OperationStatus::type)
                .containsExactly(OperationType.DELETE, OperationType.RESUBMIT);
        assertThat(completion.operations().get(0).messages()).extracting(MessageStatus::messageId)
                .containsExactly(m1.messageId(), m2.messageId());
        assertThat(completion.operations().get(0).messages()).extracting(MessageStatus::status).containsOnly(StatusCode.OK);
        eventually().until(() -> gone(m1.messageId()) && gone(m2.messageId()));
        WorkItem resubmitted = queries.message(m3.messageId()).orElseThrow().workItems().get(0);
        assertThat(resubmitted.state()).isEqualTo(WorkItemState.READY);
        assertThat(resubmitted.retriesLeft()).isEqualTo(2);
    }

    @Test
    @DisplayName("P4 P5 P7 one failing operation fails the whole batch: nothing applied, the culprit told from the innocent")
    void failingOperationFailsWholeBatch() {
        Message innocent = heldMessage("p4a");
        Message culprit = heldMessage("p4b");
        BatchRecorder callback = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(callback, null);
        batch.deleteMessage(innocent);
        batch.moveToNextTransport(culprit);
        batch.done();

        eventually().until(callback::completed);
        BatchRecorder.Completion completion = callback.single();
        assertThat(completion.status().isSuccess()).isFalse();
        assertThat(status(completion, OperationType.DELETE)).isEqualTo(StatusCode.OK);
        assertThat(status(completion, OperationType.MOVE_TO_NEXT_TRANSPORT)).isEqualTo(StatusCode.NO_BACKUP_TRANSPORT);
        for (Message message : List.of(innocent, culprit)) {
            assertThat(queries.message(message.messageId()).orElseThrow().workItems()).singleElement()
                    .satisfies(item -> assertThat(item.state()).isEqualTo(WorkItemState.IN_PROCESS));
        }
    }

    @Test
    @DisplayName("P11 Clear discards the operations: nothing applied and no callback")
    void clearDiscards() {
        Message held = heldMessage("p11");
        BatchRecorder cleared = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(cleared, null);
        batch.deleteMessage(held);
        batch.clear();

        BatchRecorder later = new BatchRecorder();
        TransportBatch next = probe.proxy().getBatch(later, null);
        next.moveToSuspendQ(held);
        next.done();
        eventually().until(later::completed);
        assertThat(cleared.completions()).isEmpty();
        assertThat(queries.message(held.messageId()).orElseThrow().workItems().get(0).state())
                .isEqualTo(WorkItemState.SUSPENDED);
    }

    private static StatusCode status(BatchRecorder.Completion completion, OperationType type) {
        return completion.operations().stream().filter(op -> op.type() == type).findFirst().orElseThrow()
                .messages().get(0).status();
    }

    private Message heldMessage(String target) {
        return heldMessage(target, 0);
    }

    private Message heldMessage(String target, int retryCount) {
        probe.always(Outcome.HOLD);
        port(target, ProbeType.PROBE_SINGLE.name(), retryCount, 1);
        String id = publish(target, "held by " + target).messageId();
        eventually().until(() -> probe.held().containsKey(id));
        return probe.held().get(id);
    }
}
