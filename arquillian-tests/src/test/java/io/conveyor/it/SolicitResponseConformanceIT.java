package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.MessageBoxQueries;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Solicit-response against the MessageBox (send-adapter contract §5 in {@code docs/send-adapter-contract.md}): R1–R6,
 * R8, with the probe acting as a two-way adapter.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class SolicitResponseConformanceIT extends InContainerSupport {

    private final ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name());

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(SolicitResponseConformanceIT.class);
    }

    @Test
    @DisplayName("R1 messages of a two-way port carry IsSolicitResponse true; of a one-way port, false")
    void isSolicitResponse() {
        twoWayPort("r1-two", ProbeType.PROBE_SINGLE.name(), null);
        port("r1-one", ProbeType.PROBE_SINGLE.name(), 0, 1);
        String twoWay = publish("r1-two", "two-way").messageId();
        String oneWay = publish("r1-one", "one-way").messageId();
        eventually().until(() -> gone(twoWay) && gone(oneWay));

        assertThat(probe.delivered().get(twoWay).context().read(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE))
                .isEqualTo(true);
        assertThat(probe.delivered().get(oneWay).context().read(SystemProperties.IS_SOLICIT_RESPONSE, SystemProperties.NAMESPACE))
                .isEqualTo(false);
    }

    @Test
    @DisplayName("R2 R4 SubmitResponse and Delete in one batch: the solicit is gone, the response routed by its promoted SPName")
    void responseAndDeletion() throws IOException {
        twoWayPort("r2", ProbeType.PROBE_SINGLE.name(), null);
        ports.create(TESTER, new SendPortDefinition(portName("r2-responses"), "BTS.SPName = '" + portName("r2") + "'",
                PortState.STARTED, 5, new TransportSettings(ProbeType.PROBE_LAZY.name(), "probe://responses", Map.of(), 0, 1), null));
        Message solicit = hold("r2");
        Message response = response("<quote price=\"12\"/>");

        BatchRecorder callback = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(callback, null);
        batch.submitResponseMessage(solicit, response);
        batch.deleteMessage(solicit);
        batch.done();

        eventually().until(callback::completed);
        assertThat(callback.single().status().isSuccess()).isTrue();
        assertThat(gone(solicit.messageId())).isTrue();
        ProbeState responses = Probe.of(ProbeType.PROBE_LAZY.name());
        eventually().until(() -> responses.delivered().containsKey(response.messageId()));
        assertThat(text(responses.delivered().get(response.messageId()))).isEqualTo("<quote price=\"12\"/>");
        assertThat(responses.delivered().get(response.messageId()).context()
                .read(SystemProperties.CORRELATION_TOKEN, SystemProperties.NAMESPACE)).isEqualTo(solicit.messageId());
    }

    @Test
    @DisplayName("R2 a response nobody subscribes to is kept for its publisher to fetch, correlated to the solicit")
    void unroutedResponseIsKept() throws IOException {
        twoWayPort("r2-fetch", ProbeType.PROBE_SINGLE.name(), null);
        Message solicit = hold("r2-fetch");
        BatchRecorder callback = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(callback, null);
        batch.submitResponseMessage(solicit, response("fetched later"));
        batch.deleteMessage(solicit);
        batch.done();
        eventually().until(callback::completed);

        MessageBoxQueries.MessageView stored = queries.responseOf(solicit.messageId()).orElseThrow();
        assertThat(stored.correlationId()).isEqualTo(solicit.messageId());
        try (InputStream body = queries.openBody(stored)) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("fetched later");
        }
    }

    @Test
    @DisplayName("R3 when the batch holding the response and the deletion fails, neither the response is published nor the solicit deleted")
    void failedBatchPublishesNothing() {
        twoWayPort("r3", ProbeType.PROBE_SINGLE.name(), null);
        Message solicit = hold("r3");
        Message culprit = hold("r3");
        BatchRecorder callback = new BatchRecorder();
        TransportBatch batch = probe.proxy().getBatch(callback, null);
        batch.submitResponseMessage(solicit, response("never seen"));
        batch.deleteMessage(solicit);
        batch.moveToNextTransport(culprit);
        batch.done();

        eventually().until(callback::completed);
        assertThat(callback.single().status().isSuccess()).isFalse();
        assertThat(queries.responseOf(solicit.messageId())).isEmpty();
        assertThat(item(solicit.messageId()).state()).isEqualTo(WorkItemState.IN_PROCESS);
    }

    @Test
    @DisplayName("R5 an adapter without SupportsSolicitResponse cannot be the primary or the backup transport of a two-way port")
    void twoWayPortNeedsSolicitResponseAdapters() {
        assertThatThrownBy(() -> twoWayPort("r5-primary", ProbeType.PROBE_NOLOAD.name(), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("primaryTransport.adapter"));
        assertThatThrownBy(() -> twoWayPort("r5-backup", ProbeType.PROBE_SINGLE.name(), ProbeType.PROBE_NOLOAD.name()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("backupTransport.adapter"));
    }

    @Test
    @DisplayName("R6 R8 when the response cannot be published, the reference library suspends the solicit, non-resumable")
    void refusedResponseSuspendsSolicit() {
        twoWayPort("r6", ProbeType.PROBE_SINGLE.name(), null);
        Message solicit = hold("r6");
        Message bodiless = probe.proxy().messageFactory().createMessage();
        InFlightCounter inFlight = new InFlightCounter();
        inFlight.enter();

        new OutcomeBatch(probe.proxy(), inFlight, clock).responded(solicit, bodiless).send();

        eventually().until(() -> inFlight.count() == 0);
        WorkItem item = item(solicit.messageId());
        assertThat(item.state()).isEqualTo(WorkItemState.SUSPENDED_NON_RESUMABLE);
        assertThat(item.errorText()).contains("the response could not be published");
        assertThat(queries.responseOf(solicit.messageId())).isEmpty();
    }

    @Test
    @DisplayName("R8 a two-way message that finally fails is suspended non-resumable")
    void twoWaySuspensionIsNonResumable() {
        twoWayPort("r8", ProbeType.PROBE_SINGLE.name(), null);
        String id = publish("r8", "fails", Map.of("Outcome", "THROW")).messageId();

        eventually().until(() -> item(id).state() == WorkItemState.SUSPENDED_NON_RESUMABLE);
    }

    private void twoWayPort(String name, String adapter, String backupAdapter) {
        ports.create(TESTER, new SendPortDefinition(portName(name), "Run = '" + run + "' and Target = '" + name + "'",
                PortState.STARTED, 5, false, true, false, false,
                new TransportSettings(adapter, "probe://" + name, Map.of(), 0, 1),
                backupAdapter == null ? null : new TransportSettings(backupAdapter, "probe://backup", Map.of(), 0, 1)));
    }

    private Message hold(String target) {
        String id = publish(target, "solicit", Map.of("Outcome", Outcome.HOLD.name())).messageId();
        eventually().until(() -> probe.held().containsKey(id));
        return probe.held().get(id);
    }

    private Message response(String body) {
        Message response = probe.proxy().messageFactory().createMessage();
        response.addPart("body", probe.proxy().messageFactory().createMessagePart(body.getBytes(StandardCharsets.UTF_8),
                "application/xml", "UTF-8"), true);
        return response;
    }

    private WorkItem item(String messageId) {
        return queries.message(messageId).orElseThrow().workItems().get(0);
    }
}
