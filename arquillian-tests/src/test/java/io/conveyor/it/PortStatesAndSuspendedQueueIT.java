package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.engine.admin.SuspendedMessages;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.SuspendedQueue;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.ServiceWindow;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.routing.NoSubscriptionException;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeCall;
import io.conveyor.it.probe.ProbeState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
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
 * Send port states, priority, service windows and the suspended queue (send-adapter contract §8.3–8.5 in
 * {@code docs/send-adapter-contract.md}): A1–A6, A8, A9.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class PortStatesAndSuspendedQueueIT extends InContainerSupport {

    private final ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name());

    @Inject
    SuspendedMessages suspended;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(PortStatesAndSuspendedQueueIT.class);
    }

    @Test
    @DisplayName("A1 A3 a stopped port's messages are suspended resumable; resumed, they are delivered though the port is still stopped")
    void stoppedPortSuspendsAndResumeDelivers() {
        port("a1", ProbeType.PROBE_SINGLE.name(), 0, 1);
        ports.changeState(TESTER, portName("a1"), PortState.STOPPED);
        PublishReceipt receipt = publish("a1", "while stopped");
        WorkItem item = item(receipt.messageId());
        assertThat(item.state()).isEqualTo(WorkItemState.SUSPENDED);

        assertThat(suspended.resume(TESTER, List.of(item.id()))).singleElement()
                .satisfies(r -> assertThat(r.applied()).isTrue());
        eventually().until(() -> gone(receipt.messageId()));
        assertThat(probe.calls("transmitMessage")).extracting(ProbeCall::messageId).contains(receipt.messageId());
    }

    @Test
    @DisplayName("A2 A6 unenlisting a started port makes it BOUND and removes its subscription")
    void unenlistRemovesSubscription() {
        port("a6", ProbeType.PROBE_SINGLE.name(), 0, 1);
        assertThat(ports.changeState(TESTER, portName("a6"), PortState.BOUND).definition().state())
                .isEqualTo(PortState.BOUND);

        assertThatThrownBy(() -> publish("a6", "nobody listens now")).isInstanceOf(NoSubscriptionException.class);
    }

    @Test
    @DisplayName("A4 a non-resumable suspended message cannot be resumed; it can be terminated, and then it is gone")
    void nonResumableOnlyTerminates() {
        ports.create(TESTER, new SendPortDefinition(portName("a4"), "Run = '" + run + "' and Target = 'a4'",
                PortState.STARTED, 5, false, true, false,
                new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://a4", Map.of(), 0, 1), null));
        PublishReceipt receipt = publish("a4", "fails in an ordered port", Map.of("Outcome", "THROW"));
        eventually().until(() -> item(receipt.messageId()).state() == WorkItemState.SUSPENDED_NON_RESUMABLE);
        String id = item(receipt.messageId()).id();

        assertThat(suspended.resume(TESTER, List.of(id))).singleElement().satisfies(r -> {
            assertThat(r.applied()).isFalse();
            assertThat(r.reason()).contains("non-resumable");
        });
        assertThat(suspended.terminate(TESTER, List.of(id))).singleElement()
                .satisfies(r -> assertThat(r.applied()).isTrue());
        assertThat(gone(receipt.messageId())).isTrue();
    }

    @Test
    @DisplayName("A5 a bulk operation on 2048 work items is refused: at most 2047 per call")
    void bulkLimit() {
        List<String> ids = Collections.nCopies(2048, "x");
        assertThatThrownBy(() -> suspended.resume(TESTER, ids)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("ids"));
        assertThatThrownBy(() -> suspended.terminate(TESTER, ids)).isInstanceOf(ValidationException.class);
    }

    @Test
    @DisplayName("the suspended queue is queried by port, adapter, error text and suspension time")
    void querySuspendedQueue() {
        port("query", ProbeType.PROBE_SINGLE.name(), 0, 1);
        PublishReceipt receipt = publish("query", "to be found", Map.of("Outcome", "THROW"));
        eventually().until(() -> item(receipt.messageId()).state() == WorkItemState.SUSPENDED);
        Instant now = clock.instant();

        assertThat(find(new SuspendedQueue.Query(portName("query"), null, null, null, null, 10))).hasSize(1);
        assertThat(find(new SuspendedQueue.Query(null, ProbeType.PROBE_SINGLE.name().toLowerCase(), "PROBE FAILURE FOR MESSAGE "
                + receipt.messageId().toUpperCase(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(1)), 10)))
                .hasSize(1);
        assertThat(find(new SuspendedQueue.Query(portName("query"), null, "no such error", null, null, 10))).isEmpty();
        assertThat(find(new SuspendedQueue.Query(portName("query"), null, null, now.plus(Duration.ofMinutes(1)), null, 10))).isEmpty();
    }

    @Test
    @DisplayName("A8 with a backlog on two ports, the port of priority 1 is served before the port of priority 10")
    void priorityOrdersTheBacklog() {
        ServiceWindow window = closedWindow();
        ports.create(TESTER, new SendPortDefinition(portName("low"), "Run = '" + run + "' and Target = 'low'",
                PortState.STARTED, 10, new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://low", Map.of(), 0, 1, window), null));
        ports.create(TESTER, new SendPortDefinition(portName("high"), "Run = '" + run + "' and Target = 'high'",
                PortState.STARTED, 1, new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://high", Map.of(), 0, 1, window), null));
        List<String> low = publisher.publishAll(List.of(message("low", "l1", Map.of()), message("low", "l2", Map.of()),
                message("low", "l3", Map.of()))).stream().map(PublishReceipt::messageId).toList();
        List<String> high = publisher.publishAll(List.of(message("high", "h1", Map.of()), message("high", "h2", Map.of()),
                message("high", "h3", Map.of()))).stream().map(PublishReceipt::messageId).toList();

        clock.advance(Duration.ofMinutes(61));
        eventually().until(() -> low.stream().allMatch(this::gone) && high.stream().allMatch(this::gone));
        List<String> order = probe.calls("transmitMessage").stream().map(ProbeCall::messageId)
                .filter(id -> low.contains(id) || high.contains(id)).toList();
        assertThat(order.subList(0, 3)).containsExactlyInAnyOrderElementsOf(high);
    }

    @Test
    @DisplayName("A9 a message outside its transport's service window waits, scheduled, and is delivered when the window opens")
    void serviceWindowHoldsMessages() {
        port("a9", new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://a9", Map.of(), 0, 1, closedWindow()), null);
        PublishReceipt receipt = publish("a9", "after hours");
        WorkItem item = item(receipt.messageId());
        assertThat(item.state()).isEqualTo(WorkItemState.READY);
        assertThat(item.nextAttemptAt()).isAfter(clock.instant().plus(Duration.ofMinutes(50)));
        port("a9-marker", ProbeType.PROBE_SINGLE.name(), 0, 1);
        String marker = publish("a9-marker", "no window").messageId();

        eventually().until(() -> gone(marker));
        assertThat(probe.calls("transmitMessage")).noneMatch(call -> receipt.messageId().equals(call.messageId()));
        clock.advance(Duration.ofMinutes(61));
        eventually().until(() -> gone(receipt.messageId()));
    }

    @Test
    @DisplayName("A9 a port change reaches messages held for its service window: moved, they wait for the new opening; removed, they go at once")
    void serviceWindowChangeReachesHeldMessages() {
        port("window-change", new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://window-change", Map.of(), 0, 1,
                closedWindow()), null);
        PublishReceipt receipt = publish("window-change", "held for the window");
        assertThat(item(receipt.messageId()).nextAttemptAt()).isAfter(clock.instant().plus(Duration.ofMinutes(50)));

        ServiceWindow later = new ServiceWindow(closedWindow().from().plusHours(2), closedWindow().from().plusHours(3), ZoneOffset.UTC);
        ports.update(TESTER, portName("window-change"), definitionWith(portName("window-change"), later));
        assertThat(item(receipt.messageId()).nextAttemptAt()).isAfter(clock.instant().plus(Duration.ofMinutes(170)));

        ports.update(TESTER, portName("window-change"), definitionWith(portName("window-change"), null));
        eventually().until(() -> gone(receipt.messageId()));
    }

    @Test
    @DisplayName("A8 a port's new priority reaches the messages already queued for it")
    void priorityChangeReachesQueuedMessages() {
        port("reprioritised", new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://reprioritised", Map.of(), 0, 1,
                closedWindow()), null);
        PublishReceipt receipt = publish("reprioritised", "queued");
        assertThat(item(receipt.messageId()).priority()).isEqualTo(SendPortDefinition.DEFAULT_PRIORITY);

        SendPortDefinition current = ports.get(portName("reprioritised")).definition();
        ports.update(TESTER, portName("reprioritised"), new SendPortDefinition(current.name(), current.filter(),
                current.state(), 2, current.primary(), current.backup()));
        assertThat(item(receipt.messageId()).priority()).isEqualTo(2);
    }

    @Test
    @DisplayName("A5 a work item named twice in one resume or terminate call is acted on once")
    void repeatedIdsActOnce() {
        port("twice", ProbeType.PROBE_SINGLE.name(), 0, 1);
        ports.changeState(TESTER, portName("twice"), PortState.STOPPED);
        String resumed = item(publish("twice", "resume me").messageId()).id();
        String terminated = item(publish("twice", "terminate me").messageId()).id();

        assertThat(suspended.resume(TESTER, List.of(resumed, resumed))).singleElement()
                .satisfies(r -> assertThat(r.applied()).isTrue());
        assertThat(suspended.terminate(TESTER, List.of(terminated, terminated))).singleElement()
                .satisfies(r -> assertThat(r.applied()).isTrue());
    }

    /** This test's port definition for {@code name} with another service window on its primary transport. */
    private SendPortDefinition definitionWith(String name, ServiceWindow window) {
        SendPortDefinition current = ports.get(name).definition();
        TransportSettings primary = current.primary();
        return new SendPortDefinition(current.name(), current.filter(), current.state(), current.priority(),
                new TransportSettings(primary.adapter(), primary.address(), primary.properties(), primary.retryCount(),
                        primary.retryInterval(), window), current.backup());
    }

    /** A daily window that opens an hour from now (engine time) and lasts an hour. */
    private ServiceWindow closedWindow() {
        LocalTime opens = clock.instant().plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC).toLocalTime()
                .truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        return new ServiceWindow(opens, opens.plusHours(1), ZoneOffset.UTC);
    }

    private List<WorkItem> find(SuspendedQueue.Query query) {
        return suspended.find(query);
    }

    private WorkItem item(String messageId) {
        return queries.message(messageId).orElseThrow().workItems().get(0);
    }
}
