package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.Capability;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.SendHandler;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.admin.AdapterAdministration;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.it.ConveyorDeployment.ProbeType;
import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeState;
import java.time.Instant;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What travels in the context and what the administration API shows of configuration (send-adapter contract §1.6, §7 in
 * {@code docs/send-adapter-contract.md}): C1–C6.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class ContextConformanceIT extends InContainerSupport {

    private final ProbeState probe = Probe.of(ProbeType.PROBE_SINGLE.name());

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(ContextConformanceIT.class);
    }

    @Test
    @DisplayName("C1 every delivered message carries the port's endpoint configuration as AdapterConfig and typed properties, and its address")
    void endpointConfigurationInContext() {
        port("c1", new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://c1/orders", Map.of("label", "east", "weight", "7"), 0, 1), null);
        Message delivered = deliver("c1");

        String namespace = namespace();
        assertThat(delivered.context().read(SystemProperties.ADAPTER_CONFIG, namespace)).isEqualTo("{\"label\":\"east\",\"weight\":\"7\"}");
        assertThat(delivered.context().read("label", namespace)).isEqualTo("east");
        assertThat(delivered.context().read("weight", namespace)).isEqualTo(7);
        assertThat(delivered.context().read(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE))
                .isEqualTo("probe://c1/orders");
    }

    @Test
    @DisplayName("C2 after the port changes, the next message carries the new configuration and SPLastUpdatedTime, with no adapter restart")
    void portChangesSeenWithoutRestart() {
        SendPort before = port("c2", new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://c2/v1", Map.of("label", "v1"), 0, 1), null);
        Message first = deliver("c2");
        SendPortDefinition changed = new SendPortDefinition(before.name(), before.definition().filter(), before.definition().state(),
                5, new TransportSettings(ProbeType.PROBE_SINGLE.name(), "probe://c2/v2", Map.of("label", "v2"), 0, 1), null);
        ports.update(TESTER, before.name(), changed);
        Message second = deliver("c2");

        assertThat(second.context().read("label", namespace())).isEqualTo("v2");
        assertThat(second.context().read(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE)).isEqualTo("probe://c2/v2");
        assertThat((Instant) second.context().read(SystemProperties.SP_LAST_UPDATED_TIME, SystemProperties.NAMESPACE))
                .isAfter((Instant) first.context().read(SystemProperties.SP_LAST_UPDATED_TIME, SystemProperties.NAMESPACE));
        assertThat(probe.instancesCreated()).isEqualTo(1);
    }

    @Test
    @DisplayName("C4 a port with retry count 3 and interval 5 gives the first delivery RetryCount 3 and RetryInterval 5")
    void retrySettingsInContext() {
        port("c4", ProbeType.PROBE_SINGLE.name(), 3, 5);
        Message delivered = deliver("c4");

        assertThat(delivered.context().read(SystemProperties.RETRY_COUNT, SystemProperties.NAMESPACE)).isEqualTo(3);
        assertThat(delivered.context().read(SystemProperties.RETRY_INTERVAL, SystemProperties.NAMESPACE)).isEqualTo(5);
        assertThat(delivered.context().read(SystemProperties.ACTUAL_RETRY_COUNT, SystemProperties.NAMESPACE)).isEqualTo(0);
    }

    @Test
    @DisplayName("C5 a masked handler property is null in the administration API while the adapter's load receives its value")
    void maskedHandlerProperty() {
        port("c5", ProbeType.PROBE_SINGLE.name(), 0, 1);
        deliver("c5");

        AdapterAdministration.AdapterView view = adapters.get(ProbeType.PROBE_SINGLE.name());
        assertThat(view.handlerConfiguration()).containsEntry("secret", null).containsEntry("transportType", "PROBE_SINGLE");
        assertThat(view.metadata().handlerProperties()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("secret");
            assertThat(p.masked()).isTrue();
        });
        assertThat(probe.handlerConfiguration().read("secret")).isEqualTo("s3cret-PROBE_SINGLE");
    }

    @Test
    @DisplayName("C5 a password in a port's address is masked by the administration API, kept when sent back masked, delivered as written")
    void passwordInAddressIsMasked() {
        SendPort created = port("c5-address", new TransportSettings(ProbeType.PROBE_SINGLE.name(),
                "probe://operator:pa55word@partner/inbox", Map.of(), 0, 1), null);
        assertThat(created.definition().primary().address()).isEqualTo("probe://operator:********@partner/inbox");
        assertThat(ports.get(created.name()).definition().primary().address()).isEqualTo("probe://operator:********@partner/inbox");
        assertThat(ports.exportBindings().toString()).contains("operator:********@partner").doesNotContain("pa55word");

        SendPortDefinition shown = ports.get(created.name()).definition();
        ports.update(TESTER, created.name(),
                new SendPortDefinition(shown.name(), shown.filter(), shown.state(), 3, shown.primary(), null));
        Message delivered = deliver("c5-address");
        assertThat(delivered.context().read(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE))
                .isEqualTo("probe://operator:pa55word@partner/inbox");
    }

    @Test
    @DisplayName("C6 an adapter's registered transport type is the one it is bound under, and its capability mask matches its capabilities")
    void metadataMatchesRegistration() throws NamingException {
        for (ProbeType type : ProbeType.values()) {
            SendHandler handler = (SendHandler) new InitialContext().lookup(SendHandler.JNDI_PREFIX + type.name());
            assertThat(handler.metadata().transportType()).isEqualTo(type.name());
            assertThat(Capability.fromMask(Capability.toMask(handler.metadata().capabilities())))
                    .isEqualTo(handler.metadata().capabilities());
            assertThat(handler.metadata().has(Capability.INIT_TRANSMITTER_ON_SERVICE_START)).isEqualTo(type == ProbeType.PROBE_EAGER);
        }
    }

    private Message deliver(String target) {
        String id = publish(target, "context of " + target).messageId();
        eventually().until(() -> gone(id));
        return probe.delivered().get(id);
    }

    private String namespace() {
        return adapters.get(ProbeType.PROBE_SINGLE.name()).metadata().propertyNamespace();
    }
}
