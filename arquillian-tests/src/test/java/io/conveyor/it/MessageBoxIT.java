package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.routing.MessagePublisher;
import io.conveyor.engine.routing.NoSubscriptionException;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.engine.runtime.ServerIdentity;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Outcome;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeState;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The MessageBox itself: storage, routing, leases, batched deletes. Runs on H2 and on PostgreSQL. */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class MessageBoxIT extends InContainerSupport {

    @Inject
    ServerIdentity server;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(MessageBoxIT.class);
    }

    @Test
    @DisplayName("publishing stores the message with its promoted properties and one work item per subscribing port")
    void publishStoresOneWorkItemPerPort() {
        Probe.of(ProbeType.PROBE_SINGLE.name()).always(Outcome.HOLD);
        Probe.of(ProbeType.PROBE_NOLOAD.name()).always(Outcome.HOLD);
        sharedPort("fan-a", ProbeType.PROBE_SINGLE.name());
        sharedPort("fan-b", ProbeType.PROBE_NOLOAD.name());
        PublishReceipt receipt = publisher.publish(message("nobody", "fan out", Map.of("Shared", "yes", "Amount", 42L)));

        assertThat(receipt.routes()).extracting(PublishReceipt.Route::portName)
                .containsExactlyInAnyOrder(portName("fan-a"), portName("fan-b"));
        MessageBoxQueries.MessageView stored = queries.message(receipt.messageId()).orElseThrow();
        assertThat(stored.workItems()).hasSize(2);
        assertThat(stored.context()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("Amount");
            assertThat(p.value()).isEqualTo(42L);
            assertThat(p.promoted()).isTrue();
        });
        assertThat(stored.parts()).singleElement().satisfies(part -> assertThat(part.size()).isEqualTo(7));
    }

    @Test
    @DisplayName("a message no enlisted port subscribes to is refused and nothing of it is stored")
    void unroutableMessageIsRefused() {
        EngineMessage message = message("nobody-listens", "lost?", Map.of());

        assertThatThrownBy(() -> publisher.publish(message)).isInstanceOf(NoSubscriptionException.class)
                .hasMessageContaining("no enlisted send port subscribes");
        assertThat(queries.message(message.messageId())).isEmpty();
    }

    @Test
    @DisplayName("publishing several messages is all or nothing: one refusal stores none of them")
    void publishAllIsAtomic() {
        Probe.of(ProbeType.PROBE_SINGLE.name()).always(Outcome.HOLD);
        port("atomic", ProbeType.PROBE_SINGLE.name(), 0, 1);
        EngineMessage routable = message("atomic", "fine", Map.of());
        EngineMessage unroutable = message("nobody-listens", "refused", Map.of());

        assertThatThrownBy(() -> publisher.publishAll(List.of(routable, unroutable)))
                .isInstanceOf(NoSubscriptionException.class).hasMessageContaining("messages[1]");
        assertThat(queries.message(routable.messageId())).isEmpty();
        assertThat(queries.message(unroutable.messageId())).isEmpty();
    }

    @Test
    @DisplayName("the in-server publishing API at its global JNDI name publishes a list in one transaction, all or nothing")
    void inServerPublisherIsFoundByItsGlobalName() throws Exception {
        Probe.of(ProbeType.PROBE_SINGLE.name()).always(Outcome.HOLD);
        port("in-server", ProbeType.PROBE_SINGLE.name(), 0, 1);
        MessagePublisher api = (MessagePublisher) new InitialContext().lookup(MessagePublisher.JNDI_NAME);

        List<PublishReceipt> receipts = api.publishAll(List.of(message("in-server", "one", Map.of()),
                message("in-server", "two", Map.of())));
        assertThat(receipts).allSatisfy(receipt -> assertThat(queries.message(receipt.messageId())).isPresent());
        EngineMessage routable = message("in-server", "three", Map.of());
        assertThatThrownBy(() -> api.publishAll(List.of(routable, message("nobody-listens", "four", Map.of()))))
                .isInstanceOf(NoSubscriptionException.class);
        assertThat(queries.message(routable.messageId())).isEmpty();
    }

    @Test
    @DisplayName("a port in state BOUND has no subscription; a STOPPED port's messages are suspended, resumable")
    void boundAndStoppedPorts() {
        ports.create(TESTER, new SendPortDefinition(portName("bound"), "Run = '" + run + "' and Target = 'states'",
                PortState.BOUND, 5, new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://bound", Map.of(), 0, 1), null));
        ports.create(TESTER, new SendPortDefinition(portName("stopped"), "Run = '" + run + "' and Target = 'states'",
                PortState.STOPPED, 5, new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://stopped", Map.of(), 0, 1), null));
        PublishReceipt receipt = publish("states", "held back");

        assertThat(receipt.routes()).singleElement().satisfies(route -> {
            assertThat(route.portName()).isEqualTo(portName("stopped"));
            assertThat(route.state()).isEqualTo(WorkItemState.SUSPENDED.name());
        });
        assertThat(queries.message(receipt.messageId()).orElseThrow().workItems()).singleElement()
                .satisfies(item -> assertThat(item.errorText()).contains("is stopped"));
    }

    @Test
    @DisplayName("a 3 MB body is stored in chunks and streamed to the adapter byte for byte")
    void largeBodyIsStreamed() throws Exception {
        ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name()).always(Outcome.HOLD);
        port("large", ProbeType.PROBE_SINGLE.name(), 0, 1);
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(body);
        EngineMessage message = message("large", "", Map.of());
        message.addPart("body", FACTORY.createMessagePart(() -> new java.io.ByteArrayInputStream(body), "application/octet-stream", null), true);
        PublishReceipt receipt = publisher.publish(message);

        eventually().until(() -> probe.held().containsKey(receipt.messageId()));
        Message delivered = probe.held().get(receipt.messageId());
        try (InputStream in = delivered.bodyPart().openStream()) {
            assertThat(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
        }
        assertThat(queries.message(receipt.messageId()).orElseThrow().size()).isEqualTo(body.length);
    }

    @Test
    @DisplayName("a claimed delivery is IN_PROCESS under a lease owned by this server")
    void claimedDeliveryIsLeased() {
        ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name()).always(Outcome.HOLD);
        port("lease", ProbeType.PROBE_SINGLE.name(), 0, 1);
        PublishReceipt receipt = publish("lease", "mine");
        eventually().until(() -> probe.held().containsKey(receipt.messageId()));

        WorkItem item = queries.message(receipt.messageId()).orElseThrow().workItems().get(0);
        assertThat(item.state()).isEqualTo(WorkItemState.IN_PROCESS);
        assertThat(item.leaseOwner()).isEqualTo(server.id());
        assertThat(item.leaseExpiresAt()).isAfter(Instant.now());
        assertThat(item.attemptCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a message routed to two ports stays until its last work item is deleted, then goes with its parts")
    void messageGoesWithItsLastWorkItem() {
        ProbeState first = Probe.of(ProbeType.PROBE_SINGLE.name()).always(Outcome.HOLD);
        ProbeState second = Probe.of(ProbeType.PROBE_NOLOAD.name()).always(Outcome.HOLD);
        sharedPort("last-a", ProbeType.PROBE_SINGLE.name());
        sharedPort("last-b", ProbeType.PROBE_NOLOAD.name());
        PublishReceipt receipt = publisher.publish(message("nobody", "two ports", Map.of("Shared", "yes")));
        eventually().until(() -> first.held().containsKey(receipt.messageId()) && second.held().containsKey(receipt.messageId()));

        delete(first, receipt.messageId());
        eventually().until(() -> queries.message(receipt.messageId()).orElseThrow().workItems().size() == 1);
        delete(second, receipt.messageId());
        eventually().until(() -> gone(receipt.messageId()));
    }

    private void delete(ProbeState probe, String messageId) {
        BatchRecorder callback = new BatchRecorder();
        try (TransportBatch batch = probe.proxy().getBatch(callback, null)) {
            batch.deleteMessage(probe.held().get(messageId));
            batch.done();
        }
        eventually().until(callback::completed);
        assertThat(callback.single().status().isSuccess()).isTrue();
    }

    private void sharedPort(String name, String adapter) {
        ports.create(TESTER, new SendPortDefinition(portName(name), "Run = '" + run + "' and Shared = 'yes'",
                PortState.STARTED, 5, new TransportSettings(adapter, "probe://" + name, Map.of(), 0, 1), null));
    }
}
