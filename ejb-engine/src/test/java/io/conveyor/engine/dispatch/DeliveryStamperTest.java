package io.conveyor.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.messagebox.Delivery;
import io.conveyor.engine.messagebox.EngineMessageContext;
import io.conveyor.engine.messagebox.TestDeliveries;
import io.conveyor.engine.messagebox.TransportRole;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.ports.CredentialStoreReference;
import io.conveyor.engine.ports.PortState;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.SendPortDefinition;
import io.conveyor.engine.ports.ServiceWindow;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.ports.UnresolvedSecretException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the engine writes into a message's context before handing it to an adapter. */
class DeliveryStamperTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final String NAMESPACE = "urn:example:adapter:http";
    private static final AdapterMetadata HTTP = AdapterMetadata.builder("HTTP").propertyNamespace(NAMESPACE)
            .endpointProperty(PropertyDescriptor.optional("requestTimeoutSeconds", PropertyDescriptor.Type.INTEGER, null, "t"))
            .endpointProperty(new PropertyDescriptor("password", PropertyDescriptor.Type.STRING, false, null, true, "p"))
            .build();
    private static final TransportSettings PRIMARY = new TransportSettings("HTTP", "http://example.org/orders",
            Map.of("requestTimeoutSeconds", "30", "method", "PUT"), 3, 5, null);
    private static final TransportSettings BACKUP = new TransportSettings("HTTP", "http://example.org/fallback", Map.of(),
            1, 10, new ServiceWindow(LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneOffset.UTC));
    private static final SendPort STATIC = new SendPort(TestDeliveries.PORT_ID, new SendPortDefinition("orders", null,
            PortState.STARTED, 5, false, true, false, false, PRIMARY, BACKUP), NOW);
    private static final SendPort DYNAMIC = new SendPort(TestDeliveries.PORT_ID, new SendPortDefinition("anywhere", null,
            PortState.STARTED, 5, true, false, false, false, null, null), NOW);

    @Test
    @DisplayName("a static port's primary transport: its address and endpoint properties, typed by the adapter's schema")
    void staticPrimary() {
        EngineMessageContext context = stamp(item(TransportRole.PRIMARY, null, null), STATIC);
        assertThat(system(context, SystemProperties.OUTBOUND_TRANSPORT_LOCATION)).isEqualTo("http://example.org/orders");
        assertThat(system(context, SystemProperties.IS_DYNAMIC_SEND)).isEqualTo(false);
        assertThat(system(context, SystemProperties.SP_ID)).isEqualTo(TestDeliveries.PORT_ID);
        assertThat(system(context, SystemProperties.SP_NAME)).isEqualTo("orders");
        assertThat(system(context, SystemProperties.IS_SOLICIT_RESPONSE)).isEqualTo(true);
        assertThat(system(context, SystemProperties.SP_TRANSPORT_BACKUP_ID)).isEqualTo(TestDeliveries.PORT_ID + "/BACKUP");
        assertThat(context.read("requestTimeoutSeconds", NAMESPACE)).isEqualTo(30);
        assertThat(context.read("method", NAMESPACE)).isEqualTo("PUT");
        assertThat(context.read(SystemProperties.ADAPTER_CONFIG, NAMESPACE))
                .isEqualTo("{\"method\":\"PUT\",\"requestTimeoutSeconds\":\"30\"}");
    }

    @Test
    @DisplayName("the work item's retry budget and attempts: RetryCount what is left, ActualRetryCount the attempts before this one")
    void retrySettings() {
        EngineMessageContext context = stamp(item(TransportRole.PRIMARY, null, null), STATIC);
        assertThat(system(context, SystemProperties.RETRY_COUNT)).isEqualTo(2);
        assertThat(system(context, SystemProperties.RETRY_INTERVAL)).isEqualTo(5);
        assertThat(system(context, SystemProperties.ACTUAL_RETRY_COUNT)).isEqualTo(2);
        assertThat(system(context, SystemProperties.MESSAGE_ID)).isEqualTo(TestDeliveries.MESSAGE_ID);
        assertThat(system(context, SystemProperties.TRANSMIT_WORK_ID)).isEqualTo(TestDeliveries.WORK_ITEM_ID);
    }

    @Test
    @DisplayName("on the backup transport, the backup's address")
    void backup() {
        EngineMessageContext context = stamp(item(TransportRole.BACKUP, null, null), STATIC);
        assertThat(system(context, SystemProperties.OUTBOUND_TRANSPORT_LOCATION)).isEqualTo("http://example.org/fallback");
    }

    @Test
    @DisplayName("a dynamic send: the address resolved at publication, IsDynamicSend, and no port identity or endpoint configuration")
    void dynamicSend() {
        EngineMessageContext context = stamp(item(TransportRole.PRIMARY, "http://elsewhere.example/in", null), DYNAMIC);
        assertThat(system(context, SystemProperties.OUTBOUND_TRANSPORT_LOCATION)).isEqualTo("http://elsewhere.example/in");
        assertThat(system(context, SystemProperties.IS_DYNAMIC_SEND)).isEqualTo(true);
        assertThat(system(context, SystemProperties.SP_ID)).isNull();
        assertThat(context.read(SystemProperties.ADAPTER_CONFIG, NAMESPACE)).isNull();
    }

    @Test
    @DisplayName("properties saved by PropertiesToUpdate at an earlier failure are in the context again")
    void propertiesToUpdate() {
        String saved = "<PropertiesToUpdate><Property name='Attempt' nameSpace='urn:x' vt='3'>2</Property></PropertiesToUpdate>";
        EngineMessageContext context = stamp(item(TransportRole.PRIMARY, null, saved), STATIC);
        assertThat(context.read("Attempt", "urn:x")).isEqualTo(2);
        assertThat(system(context, SystemProperties.PROPERTIES_TO_UPDATE)).isEqualTo(saved);
    }

    @Test
    @DisplayName("a backup transport removed while the message waited for it is reported; the adapter follows the port as it is now")
    void portAsItIsNow() {
        SendPort withoutBackup = new SendPort(TestDeliveries.PORT_ID, new SendPortDefinition("orders", null,
                PortState.STARTED, 5, false, true, false, false, PRIMARY, null), NOW);
        assertThat(DeliveryStamper.problem(item(TransportRole.BACKUP, null, null), withoutBackup))
                .contains("backup transport of send port orders was removed");
        assertThat(DeliveryStamper.problem(item(TransportRole.PRIMARY, null, null), withoutBackup)).isNull();
        assertThat(DeliveryStamper.adapterOf(item(TransportRole.PRIMARY, null, null), STATIC)).isEqualTo("HTTP");
    }

    @Test
    @DisplayName("a transport outside its service window waits for the next opening")
    void serviceWindow() {
        assertThat(DeliveryStamper.windowOpens(item(TransportRole.BACKUP, null, null), STATIC, NOW))
                .isEqualTo(Instant.parse("2026-03-02T22:00:00Z"));
        assertThat(DeliveryStamper.windowOpens(item(TransportRole.PRIMARY, null, null), STATIC, NOW)).isEqualTo(NOW);
    }

    @Test
    @DisplayName("a masked property referring to a credential store entry reaches the adapter resolved; the clear masked values are remembered")
    void credentialStoreReference() {
        SendPort port = portWith(Map.of("password", "{credential-store:partners/acme}"));
        Delivery delivery = new Delivery(item(TransportRole.PRIMARY, null, null), TestDeliveries.deliveredMessage());
        DeliveryStamper.stamp(delivery, port, HTTP, reference -> reference.store() + ":" + reference.alias() + ":clear");

        assertThat(delivery.message().context().read("password", NAMESPACE)).isEqualTo("partners:acme:clear");
        assertThat(delivery.message().secrets()).containsExactly("partners:acme:clear");
    }

    @Test
    @DisplayName("a masked value that is not a reference is passed as it is and remembered as a secret")
    void plainMaskedValue() {
        Delivery delivery = new Delivery(item(TransportRole.PRIMARY, null, null), TestDeliveries.deliveredMessage());
        DeliveryStamper.stamp(delivery, portWith(Map.of("password", "s3cret")), HTTP, DeliveryStamperTest::noStore);

        assertThat(delivery.message().context().read("password", NAMESPACE)).isEqualTo("s3cret");
        assertThat(delivery.message().secrets()).containsExactly("s3cret");
    }

    @Test
    @DisplayName("an entry that cannot be read fails the stamping with the store's error")
    void unresolvedReference() {
        Delivery delivery = new Delivery(item(TransportRole.PRIMARY, null, null), TestDeliveries.deliveredMessage());
        assertThatThrownBy(() -> DeliveryStamper.stamp(delivery, portWith(Map.of("password", "{credential-store:x/y}")),
                HTTP, DeliveryStamperTest::noStore)).isInstanceOf(UnresolvedSecretException.class)
                .hasMessageContaining("'x'");
    }

    private static SendPort portWith(Map<String, String> properties) {
        return new SendPort(TestDeliveries.PORT_ID, new SendPortDefinition("orders", null, PortState.STARTED, 5, false,
                false, false, false, new TransportSettings("HTTP", "http://example.org/orders", properties, 3, 5, null),
                null), NOW);
    }

    private static String noStore(CredentialStoreReference reference) {
        throw new UnresolvedSecretException("no credential store '" + reference.store() + "' is defined");
    }

    private static WorkItem item(TransportRole transport, String address, String propertiesToUpdate) {
        return TestDeliveries.workItem(transport, "HTTP", 2, transport == TransportRole.PRIMARY ? 5 : 10, 3, address,
                propertiesToUpdate, NOW);
    }

    private static EngineMessageContext stamp(WorkItem item, SendPort port) {
        Delivery delivery = new Delivery(item, TestDeliveries.deliveredMessage());
        DeliveryStamper.stamp(delivery, port, HTTP, DeliveryStamperTest::noStore);
        return delivery.message().context();
    }

    private static Object system(EngineMessageContext context, String name) {
        return context.read(name, SystemProperties.NAMESPACE);
    }
}
