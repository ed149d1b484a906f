package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.engine.adapters.AdapterState;
import io.conveyor.engine.adapters.TransmitMode;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.routing.PublishReceipt;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeCall;
import io.conveyor.it.probe.ProbeState;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Adapter creation and initialisation (send-adapter contract §1.2, §1.3 in {@code docs/send-adapter-contract.md}):
 * L1–L10, against the probe connectors.
 */
@ExtendWith(ArquillianExtension.class)
class LifecycleConformanceIT extends InContainerSupport {

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(LifecycleConformanceIT.class);
    }

    @Test
    @DisplayName("L1 an adapter without InitTransmitterOnServiceStart is not created while no message needs it")
    void lazyAdapterIsNotCreatedWithoutMessages() {
        port("lazy-neighbour", ProbeType.PROBE_SINGLE.name(), 0, 1);
        PublishReceipt receipt = publish("lazy-neighbour", "wake the dispatchers");
        eventually().until(() -> gone(receipt.messageId()));

        assertThat(Probe.of(ProbeType.PROBE_LAZY.name()).instancesCreated()).isZero();
        assertThat(adapters.get(ProbeType.PROBE_LAZY.name()).status().state()).isEqualTo(AdapterState.NOT_CREATED);
    }

    @Test
    @DisplayName("L2 the first message creates and initialises the adapter before delivery; the next reuses the instance")
    void firstMessageCreatesAdapterSecondReusesIt() {
        ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name());
        port("first", ProbeType.PROBE_SINGLE.name(), 0, 1);
        PublishReceipt one = publish("first", "one");
        PublishReceipt two = publish("first", "two");
        eventually().until(() -> gone(one.messageId()) && gone(two.messageId()));

        assertThat(probe.instancesCreated()).isEqualTo(1);
        List<String> methods = probe.calls().stream().map(ProbeCall::method).toList();
        assertThat(methods.indexOf("initialize")).isLessThan(methods.indexOf("transmitMessage"));
        assertThat(probe.calls("transmitMessage")).extracting(ProbeCall::messageId)
                .contains(one.messageId(), two.messageId());
    }

    @Test
    @DisplayName("L3 an adapter with InitTransmitterOnServiceStart is created and initialised before any message")
    void eagerAdapterIsCreatedAtStart() {
        ProbeState probe = Probe.of(ProbeType.PROBE_EAGER.name());
        eventually().until(() -> !probe.calls("initialize").isEmpty());

        assertThat(probe.instancesCreated()).isEqualTo(1);
        assertThat(probe.calls("transmitMessage")).isEmpty();
        assertThat(adapters.get(ProbeType.PROBE_EAGER.name()).status().state()).isEqualTo(AdapterState.RUNNING);
    }

    @Test
    @DisplayName("L4 load is called exactly once, before initialize, with the send handler configuration")
    void loadIsCalledOnceBeforeInitialize() {
        ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name());
        port("load", ProbeType.PROBE_SINGLE.name(), 0, 1);
        PublishReceipt receipt = publish("load", "configured");
        eventually().until(() -> gone(receipt.messageId()));

        List<String> methods = probe.calls().stream().map(ProbeCall::method).toList();
        assertThat(methods).filteredOn("load"::equals).hasSize(1);
        assertThat(methods.indexOf("load")).isLessThan(methods.indexOf("initialize"));
        assertThat(probe.handlerConfiguration().read("transportType")).isEqualTo("PROBE_SINGLE");
        assertThat(probe.handlerConfiguration().read("secret")).isEqualTo("s3cret-PROBE_SINGLE");
    }

    @Test
    @DisplayName("L5 an adapter without HandlerConfigurable is initialised and receives its messages")
    void adapterWithoutLoadStillWorks() {
        ProbeState probe = Probe.of(ProbeType.PROBE_NOLOAD.name());
        port("noload", ProbeType.PROBE_NOLOAD.name(), 0, 1);
        PublishReceipt receipt = publish("noload", "no handler configuration wanted");
        eventually().until(() -> gone(receipt.messageId()));

        assertThat(probe.calls("load")).isEmpty();
        assertThat(probe.calls("initialize")).hasSize(1);
        assertThat(probe.calls("transmitMessage")).extracting(ProbeCall::messageId).containsExactly(receipt.messageId());
    }

    @Test
    @DisplayName("L6 an adapter without TransportControl fails initialisation and never receives a message")
    void adapterWithoutTransportControlIsRefused() {
        ProbeState probe = Probe.of(ProbeType.PROBE_NOCONTROL.name());
        port("nocontrol", ProbeType.PROBE_NOCONTROL.name(), 0, 1);
        PublishReceipt receipt = publish("nocontrol", "undeliverable for now");
        eventually().until(() -> adapters.get(ProbeType.PROBE_NOCONTROL.name()).status().state() == AdapterState.FAILED);

        assertThat(adapters.get(ProbeType.PROBE_NOCONTROL.name()).status().lastError()).contains("TransportControl");
        assertThat(probe.calls("transmitMessage")).isEmpty();
        assertThat(queries.message(receipt.messageId()).orElseThrow().workItems())
                .allSatisfy(item -> assertThat(item.state()).isEqualTo(WorkItemState.READY));
    }

    @Test
    @DisplayName("L7 an adapter implementing both Transmitter and BatchTransmitter is driven through transmitMessage only")
    void transmitterWinsOverBatchTransmitter() {
        ProbeState probe = Probe.of(ProbeType.PROBE_BOTH.name());
        port("both", ProbeType.PROBE_BOTH.name(), 0, 1);
        PublishReceipt receipt = publish("both", "single path");
        eventually().until(() -> gone(receipt.messageId()));

        assertThat(adapters.get(ProbeType.PROBE_BOTH.name()).status().mode()).isEqualTo(TransmitMode.SINGLE_MESSAGE);
        assertThat(probe.calls("getBatch")).isEmpty();
        assertThat(probe.calls("transmitMessage")).extracting(ProbeCall::batch).containsOnly(0);
    }

    @Test
    @DisplayName("L8 an adapter implementing only BatchTransmitter is driven through engine batches")
    void batchTransmitterUsesBatches() {
        ProbeState probe = Probe.of(ProbeType.PROBE_BATCH.name());
        port("batch", ProbeType.PROBE_BATCH.name(), 0, 1);
        PublishReceipt receipt = publish("batch", "batch path");
        eventually().until(() -> gone(receipt.messageId()));

        assertThat(adapters.get(ProbeType.PROBE_BATCH.name()).status().mode()).isEqualTo(TransmitMode.BATCH);
        assertThat(probe.calls("getBatch")).isNotEmpty();
        assertThat(probe.calls("transmitMessage")).extracting(ProbeCall::batch).doesNotContain(0);
    }

    @Test
    @DisplayName("L9 an adapter implementing neither transmitter interface fails initialisation; its messages stay queued")
    void adapterWithoutTransmitterIsRefused() {
        ProbeState probe = Probe.of(ProbeType.PROBE_NEITHER.name());
        port("neither", ProbeType.PROBE_NEITHER.name(), 0, 1);
        PublishReceipt receipt = publish("neither", "undeliverable for now");
        eventually().until(() -> adapters.get(ProbeType.PROBE_NEITHER.name()).status().state() == AdapterState.FAILED);

        assertThat(adapters.get(ProbeType.PROBE_NEITHER.name()).status().lastError())
                .contains("neither Transmitter nor BatchTransmitter");
        assertThat(probe.calls("transmitMessage")).isEmpty();
        assertThat(queries.message(receipt.messageId()).orElseThrow().workItems())
                .allSatisfy(item -> assertThat(item.state()).isEqualTo(WorkItemState.READY));
    }

    @Test
    @DisplayName("L10 initialize is called once per instance with a non-null proxy dedicated to that adapter")
    void eachAdapterGetsItsOwnProxy() {
        port("proxy-a", ProbeType.PROBE_SINGLE.name(), 0, 1);
        port("proxy-b", ProbeType.PROBE_NOLOAD.name(), 0, 1);
        PublishReceipt a = publish("proxy-a", "a");
        PublishReceipt b = publish("proxy-b", "b");
        eventually().until(() -> gone(a.messageId()) && gone(b.messageId()));

        ProbeState single = Probe.of(ProbeType.PROBE_SINGLE.name());
        ProbeState noLoad = Probe.of(ProbeType.PROBE_NOLOAD.name());
        assertThat(single.calls("initialize")).hasSize(1);
        assertThat(noLoad.calls("initialize")).hasSize(1);
        assertThat(single.proxy()).isNotNull().isNotSameAs(noLoad.proxy());
    }
}
