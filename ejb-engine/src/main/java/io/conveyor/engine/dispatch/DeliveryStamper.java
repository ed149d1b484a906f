package io.conveyor.engine.dispatch;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.messagebox.PropertiesToUpdate;
import io.conveyor.engine.messagebox.Delivery;
import io.conveyor.engine.messagebox.EngineMessageContext;
import io.conveyor.engine.messagebox.TransportRole;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.ports.CredentialStoreReference;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.ports.TransportSettings;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes into a delivered message's context what the adapter needs (send-adapter contract §1.6, §7 in
 * {@code docs/send-adapter-contract.md}): the address and endpoint configuration of the transport in use, taken from
 * the port as it is now (C1, C2, C3), the retry settings of the work item (C4), the port's identity, and the properties
 * saved by {@code PropertiesToUpdate} (F7, F8). A dynamic send gets the address resolved at publication,
 * {@code IsDynamicSend}, and neither endpoint configuration nor {@code SPID} (D3). A masked endpoint property that
 * refers to a credential store entry is written resolved; the clear masked values are recorded on the message
 * ({@link io.conveyor.engine.messagebox.EngineMessage#secrets()}) so that error texts can be cleaned of them.
 */
final class DeliveryStamper {

    /** Looked up once: {@code Json.createXxx} looks the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private DeliveryStamper() {
    }

    /**
     * Stamps a delivery.
     *
     * @param credentials reads a credential store entry; throws
     *                    {@link io.conveyor.engine.ports.UnresolvedSecretException} when it cannot
     */
    static void stamp(Delivery delivery, SendPort port, AdapterMetadata adapter,
                      Function<CredentialStoreReference, String> credentials) {
        WorkItem item = delivery.workItem();
        EngineMessageContext context = delivery.message().context();
        TransportSettings transport = transportOf(item, port);
        for (ContextProperty property : PropertiesToUpdate.parse(item.propertiesToUpdate())) {
            context.put(property);
        }
        system(context, SystemProperties.PROPERTIES_TO_UPDATE, item.propertiesToUpdate());
        system(context, SystemProperties.MESSAGE_ID, item.messageId());
        system(context, SystemProperties.TRANSMIT_WORK_ID, item.id());
        system(context, SystemProperties.OUTBOUND_TRANSPORT_TYPE, adapter.transportType());
        system(context, SystemProperties.RETRY_COUNT, item.retriesLeft());
        system(context, SystemProperties.RETRY_INTERVAL, item.retryInterval());
        system(context, SystemProperties.ACTUAL_RETRY_COUNT, Math.max(0, item.attemptCount() - 1));
        system(context, SystemProperties.SP_NAME, port.name());
        system(context, SystemProperties.IS_SOLICIT_RESPONSE, port.definition().twoWay());
        if (transport == null) {
            system(context, SystemProperties.OUTBOUND_TRANSPORT_LOCATION, item.address());
            system(context, SystemProperties.IS_DYNAMIC_SEND, Boolean.TRUE);
            return;
        }
        system(context, SystemProperties.OUTBOUND_TRANSPORT_LOCATION, transport.address());
        system(context, SystemProperties.IS_DYNAMIC_SEND, Boolean.FALSE);
        system(context, SystemProperties.SP_ID, port.id());
        system(context, SystemProperties.SP_TRANSPORT_ID, port.id() + "/" + item.transport());
        system(context, SystemProperties.SP_TRANSPORT_BACKUP_ID,
                port.definition().backup() == null ? null : port.id() + "/" + TransportRole.BACKUP);
        system(context, SystemProperties.SP_LAST_UPDATED_TIME, port.updatedAt());
        JsonObjectBuilder adapterConfig = JSON.createObjectBuilder();
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, String> property : new TreeMap<>(transport.properties()).entrySet()) {
            String text = property.getValue();
            boolean masked = adapter.endpointProperty(property.getKey()).filter(PropertyDescriptor::masked).isPresent();
            if (masked) {
                text = CredentialStoreReference.parse(text).map(credentials).orElse(text);
                secrets.add(text);
            }
            String clear = text;
            Object value = adapter.endpointProperty(property.getKey()).map(descriptor -> descriptor.parse(clear)).orElse(clear);
            context.write(property.getKey(), adapter.propertyNamespace(), value);
            adapterConfig.add(property.getKey(), clear);
        }
        delivery.message().setSecrets(secrets);
        context.write(SystemProperties.ADAPTER_CONFIG, adapter.propertyNamespace(), adapterConfig.build().toString());
    }

    /** The transport a work item is on; {@code null} for a dynamic port (the address is the work item's). */
    static TransportSettings transportOf(WorkItem item, SendPort port) {
        return item.transport() == TransportRole.BACKUP ? port.definition().backup() : port.definition().primary();
    }

    /**
     * Why the engine cannot deliver the work item through its port as the port is now, or {@code null}: a backup
     * transport that was removed while the message waited for it.
     */
    static String problem(WorkItem item, SendPort port) {
        if (!port.definition().dynamic() && transportOf(item, port) == null) {
            return "the " + item.transport().name().toLowerCase() + " transport of send port " + port.name()
                    + " was removed; resume the message to deliver it through the primary transport";
        }
        return null;
    }

    /** The adapter the work item must go to now: its port's transport's, or, for a dynamic send, the resolved one. */
    static String adapterOf(WorkItem item, SendPort port) {
        TransportSettings transport = transportOf(item, port);
        return transport == null ? item.adapterType() : transport.adapter();
    }

    /** When the work item's transport may send: {@code now} when it may, else the next opening of its window. */
    static Instant windowOpens(WorkItem item, SendPort port, Instant now) {
        TransportSettings transport = transportOf(item, port);
        return transport == null || transport.serviceWindow() == null ? now : transport.serviceWindow().nextOpen(now);
    }

    private static void system(EngineMessageContext context, String name, Object value) {
        context.write(name, SystemProperties.NAMESPACE, value);
    }
}
