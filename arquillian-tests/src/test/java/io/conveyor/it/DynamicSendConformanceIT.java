package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeCall;
import io.conveyor.it.probe.ProbeState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Dynamic sends and adapter aliases (send-adapter contract §6 in {@code docs/send-adapter-contract.md}): D1–D5, D7. */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class DynamicSendConformanceIT extends InContainerSupport {

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(DynamicSendConformanceIT.class);
    }

    @Test
    @DisplayName("D1 without OutboundTransportType the address prefix picks the adapter by alias, case-insensitively")
    void aliasPicksTheAdapter() {
        dynamicPort("d1");
        PublishReceipt receipt = publisher.publish(dynamic("d1", "PROBE_SINGLE://host/a", null, Map.of()));

        eventually().until(() -> gone(receipt.messageId()));
        assertThat(Probe.of(ProbeType.PROBE_SINGLE.name()).calls("transmitMessage")).extracting(ProbeCall::messageId)
                .contains(receipt.messageId());
    }

    @Test
    @DisplayName("D2 OutboundTransportType wins over the address prefix")
    void transportTypeWins() {
        dynamicPort("d2");
        PublishReceipt receipt = publisher.publish(dynamic("d2", "probe_single://host/a", "probe_noload", Map.of()));

        eventually().until(() -> gone(receipt.messageId()));
        assertThat(Probe.of(ProbeType.PROBE_NOLOAD.name()).calls("transmitMessage")).extracting(ProbeCall::messageId)
                .contains(receipt.messageId());
        assertThat(Probe.of(ProbeType.PROBE_SINGLE.name()).calls("transmitMessage")).extracting(ProbeCall::messageId)
                .doesNotContain(receipt.messageId());
    }

    @Test
    @DisplayName("D3 a dynamic send carries IsDynamicSend, its address, and neither AdapterConfig nor SPID")
    void dynamicContext() {
        dynamicPort("d3");
        PublishReceipt receipt = publisher.publish(dynamic("d3", "probe_noload://partner/orders", null, Map.of()));
        ProbeState probe = Probe.of(ProbeType.PROBE_NOLOAD.name());
        eventually().until(() -> probe.delivered().containsKey(receipt.messageId()));

        Message delivered = probe.delivered().get(receipt.messageId());
        String namespace = adapters.get(ProbeType.PROBE_NOLOAD.name()).metadata().propertyNamespace();
        assertThat(delivered.context().read(SystemProperties.IS_DYNAMIC_SEND, SystemProperties.NAMESPACE)).isEqualTo(true);
        assertThat(delivered.context().read(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE))
                .isEqualTo("probe_noload://partner/orders");
        assertThat(delivered.context().read(SystemProperties.ADAPTER_CONFIG, namespace)).isNull();
        assertThat(delivered.context().read(SystemProperties.SP_ID, SystemProperties.NAMESPACE)).isNull();
    }

    @Test
    @DisplayName("D4 a dynamic send without retry settings has RetryCount 0: a failure suspends it at once")
    void noRetriesByDefault() {
        dynamicPort("d4");
        PublishReceipt receipt = publisher.publish(dynamic("d4", "probe_single://host/fail", null, Map.of("Outcome", "THROW")));

        eventually().until(() -> item(receipt.messageId()).state() == WorkItemState.SUSPENDED);
        assertThat(item(receipt.messageId()).retriesLeft()).isZero();
        assertThat(Probe.of(ProbeType.PROBE_SINGLE.name()).calls("transmitMessage"))
                .filteredOn(call -> receipt.messageId().equals(call.messageId())).hasSize(1);
    }

    @Test
    @DisplayName("D5 an adapter accepts its address without the alias prefix: FILE writes to a bare path")
    void addressWithoutPrefix() throws IOException {
        dynamicPort("d5");
        Path directory = Files.createDirectories(Path.of(System.getProperty("conveyor.file.allowedRoots"), run));
        Path target = directory.resolve("dynamic.txt");
        PublishReceipt receipt = publisher.publish(dynamic("d5", target.toString(), "FILE", Map.of()));

        eventually().until(() -> gone(receipt.messageId()));
        assertThat(Files.readString(target)).isEqualTo("dynamic body");
    }

    @Test
    @DisplayName("D7 an address no adapter's alias matches, without OutboundTransportType, suspends the message with a clear error")
    void unresolvableAddressSuspends() {
        dynamicPort("d7");
        PublishReceipt receipt = publisher.publish(dynamic("d7", "carrier-pigeon://roof/3", null, Map.of()));

        WorkItem item = item(receipt.messageId());
        assertThat(item.state()).isEqualTo(WorkItemState.SUSPENDED);
        assertThat(item.errorText()).contains("no deployed adapter has an alias matching the address 'carrier-pigeon://roof/3'");
    }

    private void dynamicPort(String name) {
        ports.create(TESTER, new SendPortDefinition(portName(name), "Run = '" + run + "' and Target = '" + name + "'",
                PortState.STARTED, 5, true, false, false, null, null));
    }

    private EngineMessage dynamic(String target, String address, String transportType, Map<String, Object> promoted) {
        EngineMessage message = message(target, "dynamic body", promoted);
        message.context().write(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE, address);
        if (transportType != null) {
            message.context().write(SystemProperties.OUTBOUND_TRANSPORT_TYPE, SystemProperties.NAMESPACE, transportType);
        }
        return message;
    }

    private WorkItem item(String messageId) {
        return queries.message(messageId).orElseThrow().workItems().get(0);
    }
}
