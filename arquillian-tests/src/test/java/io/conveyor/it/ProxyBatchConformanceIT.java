package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageStatus;
import io.conveyor.adapter.OperationStatus;
import io.conveyor.adapter.OperationType;
import io.conveyor.adapter.StatusCode;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Outcome;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeState;
import io.conveyor.kit.InFlightCounter;
import io.conveyor.kit.OutcomeBatch;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proxy batches and their callbacks (send-adapter contract §2.9–2.12, §3.2, §3.3 in
 * {@code docs/send-adapter-contract.md}): P1–P14.
 */
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

    @Test
    @DisplayName("P6 after a failed batch, re-issuing only the innocent operations in a fresh batch succeeds")
    void innocentOperationsSucceedAgain() {
        Message innocent = heldMessage("p6a");
        Message culprit = heldMessage("p6b");
        BatchRecorder first = new BatchRecorder();
        TransportBatch failing = probe.proxy().getBatch(first, null);
        failing.deleteMessage(innocent);
        failing.moveToNextTransport(culprit);
        failing.done();
        eventually().until(first::completed);

        BatchRecorder second = new BatchRecorder();
        TransportBatch retry = probe.proxy().getBatch(second, null);
        retry.deleteMessage(innocent);
        retry.done();
        eventually().until(second::completed);
        assertThat(second.single().status().isSuccess()).isTrue();
        eventually().until(() -> gone(innocent.messageId()));
    }

    @Test
    @DisplayName("P8 P9 the adapter kit escalates: a failed Resubmit becomes MoveToNextTransport, a failed move becomes MoveToSuspendQ")
    void kitEscalatesFailedOperations() {
        Message exhausted = heldMessage("p8", 0);
        InFlightCounter inFlight = new InFlightCounter();
        inFlight.enter();
        TransportBatch batch = probe.proxy().getBatch(new BatchRecorder(), null);
        batch.clear();
        exhausted.context().write(SystemProperties.RETRY_COUNT, SystemProperties.NAMESPACE, 1);
        new OutcomeBatch(probe.proxy(), inFlight, clock).failed(exhausted, new IllegalStateException("endpoint down")).send();

        eventually().until(() -> inFlight.count() == 0);
        WorkItem item = queries.message(exhausted.messageId()).orElseThrow().workItems().get(0);
        assertThat(item.state()).isEqualTo(WorkItemState.SUSPENDED);
        assertThat(item.errorText()).contains("endpoint down");
    }

    @Test
    @DisplayName("P10 one proxy batch may mix Delete, Resubmit, MoveToNextTransport, MoveToSuspendQ and SubmitResponse")
    void allOperationTypesInOneBatch() {
        Message deleted = heldMessage("p10-delete");
        Message resubmitted = heldMessage("p10-resubmit", 2);
        Message suspendedMessage = heldMessage("p10-suspend");
        probe.always(Outcome.HOLD);
        port("p10-move", new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://p10-primary", java.util.Map.of(), 0, 1),
                new TransportSettings(ProbeType.PROBE_LAZY.name(), "probe://p10-backup", java.util.Map.of(), 0, 1));
        String movedId = publish("p10-move", "to the backup").messageId();
        eventually().until(() -> probe.held().containsKey(movedId));
        Message moved = probe.held().get(movedId);
        ports.create(TESTER, new SendPortDefinition(portName("p10-responses"),
                "BTS.SPName = '" + portName("p10-delete") + "'",
                PortState.STARTED, 5, new TransportSettings(ProbeType.PROBE_LAZY.name(), "probe://responses", java.util.Map.of(), 0, 1), null));
        Message response = probe.proxy().messageFactory().createMessage();
        response.addPart("body", probe.proxy().messageFactory().createMessagePart("<ack/>".getBytes(), "application/xml", null), true);

        BatchRecorder callback = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(callback, null);
        batch.submitResponseMessage(deleted, response);
        batch.deleteMessage(deleted);
        batch.resubmit(resubmitted, clock.instant().plus(Duration.ofMinutes(1)));
        batch.moveToNextTransport(moved);
        batch.moveToSuspendQ(suspendedMessage);
        batch.done();

        eventually().until(callback::completed);
        assertThat(callback.single().status().isSuccess()).as(callback.single().toString()).isTrue();
        assertThat(callback.single().operations()).extracting(OperationStatus::type).containsExactly(OperationType.SUBMIT,
                OperationType.DELETE, OperationType.RESUBMIT, OperationType.MOVE_TO_NEXT_TRANSPORT, OperationType.MOVE_TO_SUSPEND_Q);
        eventually().until(() -> gone(deleted.messageId()));
        ProbeState responses = Probe.of(ProbeType.PROBE_LAZY.name());
        eventually().until(() -> responses.delivered().containsKey(response.messageId()));
        Message routedResponse = responses.delivered().get(response.messageId());
        assertThat(routedResponse.context().read(SystemProperties.CORRELATION_TOKEN, SystemProperties.NAMESPACE))
                .as("the response reached the port filtering on BTS.SPName of the solicit's port, correlated to it")
                .isEqualTo(deleted.messageId());
    }

    @Test
    @DisplayName("P12 a callback that throws is logged and the engine goes on: the next batch completes normally")
    void throwingCallbackIsHarmless() {
        Message first = heldMessage("p12a");
        Message second = heldMessage("p12b");
        TransportBatch throwing = probe.proxy().getBatch((status, operations, cookie) -> {
            throw new IllegalStateException("adapter bug in the callback");
        }, null);
        throwing.deleteMessage(first);
        throwing.done();
        eventually().until(() -> gone(first.messageId()));

        BatchRecorder callback = new BatchRecorder();
        TransportBatch next = probe.proxy().getBatch(callback, null);
        next.deleteMessage(second);
        next.done();
        eventually().until(callback::completed);
        assertThat(callback.single().status().isSuccess()).isTrue();
    }

    @Test
    @DisplayName("P13 a context value that cannot be stored is refused at the write, naming the property")
    void nonSerializableValueRefused() {
        Message held = heldMessage("p13");
        assertThatThrownBy(() -> held.context().write("Payload", "urn:x", new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Payload").hasMessageContaining("serializable");
    }

    @Test
    @DisplayName("P14 deletes grouped in one proxy batch complete together with one callback (one MessageBox transaction)")
    void manyDeletesOneBatch() {
        probe.always(Outcome.HOLD);
        port("p14", ProbeType.PROBE_SINGLE.name(), 0, 1);
        List<String> ids = publisher.publishAll(java.util.stream.IntStream.range(0, 60)
                .mapToObj(i -> message("p14", "m" + i, java.util.Map.of())).toList())
                .stream().map(r -> r.messageId()).toList();
        eventually().until(() -> ids.stream().allMatch(probe.held()::containsKey));

        BatchRecorder callback = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(callback, null);
        ids.forEach(id -> batch.deleteMessage(probe.held().get(id)));
        batch.done();
        eventually().until(callback::completed);
        assertThat(callback.single().operations()).singleElement().satisfies(op -> assertThat(op.messageCount()).isEqualTo(60));
        assertThat(ids).allMatch(this::gone);
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
