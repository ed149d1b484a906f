package io.conveyor.engine.routing;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.Capability;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.MessageContext;
import io.conveyor.adapter.SendHandler;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.adapters.HandlerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the adapter and address of a message sent through a dynamic port (send-adapter contract §6 in
 * {@code docs/send-adapter-contract.md}): {@code OutboundTransportType} decides when present (D2); otherwise the prefix
 * of {@code OutboundTransportLocation} is matched, case-insensitively, against every deployed adapter's aliases, the
 * longest alias winning (D1). The adapter must accept the address. Retry settings come from the message
 * ({@code RetryCount}, default 0: D4; {@code RetryInterval}, default 5).
 */
@ApplicationScoped
public class DynamicTransportResolver {

    /** Retry interval of a dynamic send that names none, in minutes. */
    public static final int DEFAULT_RETRY_INTERVAL = 5;

    @Inject
    HandlerRegistry registry;

    /** The outcome: a transport, or the reason there is none (the message is then suspended with it, D7). */
    public record Resolution(String adapterType, String address, int retryCount, int retryInterval, String error) {

        public boolean resolved() {
            return error == null;
        }
    }

    /**
     * Resolves a message's transport.
     *
     * @param twoWay the port is two-way: the adapter must also support solicit-response (R5)
     */
    public Resolution resolve(MessageContext context, String portName, boolean twoWay) {
        String address = context.readString(SystemProperties.OUTBOUND_TRANSPORT_LOCATION, SystemProperties.NAMESPACE);
        String type = context.readString(SystemProperties.OUTBOUND_TRANSPORT_TYPE, SystemProperties.NAMESPACE);
        int retryCount = intProperty(context, SystemProperties.RETRY_COUNT, 0);
        int retryInterval = intProperty(context, SystemProperties.RETRY_INTERVAL, DEFAULT_RETRY_INTERVAL);
        if (address == null || address.isBlank()) {
            return unresolved(type, address, "the message names no OutboundTransportLocation for dynamic send port " + portName);
        }
        Optional<SendHandler> handler = type != null && !type.isBlank() ? registry.handler(type) : byAlias(address);
        if (handler.isEmpty()) {
            return unresolved(type, address, type != null && !type.isBlank()
                    ? "no adapter of transport type '" + type + "' is deployed (OutboundTransportType)"
                    : "no deployed adapter has an alias matching the address '" + address + "'; aliases: " + aliases());
        }
        AdapterMetadata metadata = handler.get().metadata();
        if (twoWay && !metadata.has(Capability.SUPPORTS_SOLICIT_RESPONSE)) {
            return unresolved(metadata.transportType(), address, "adapter " + metadata.transportType()
                    + " does not support solicit-response, which two-way port " + portName + " needs");
        }
        try {
            handler.get().validateEndpoint(address, MapPropertyBag.readOnly(Map.of()));
        } catch (InvalidEndpointException e) {
            return unresolved(metadata.transportType(), address, "adapter " + metadata.transportType()
                    + " refuses the dynamic address: " + e.getMessage());
        }
        return new Resolution(metadata.transportType(), address, retryCount, retryInterval, null);
    }

    private Optional<SendHandler> byAlias(String address) {
        return registry.handlers().stream()
                .filter(h -> h.metadata().aliasOf(address).isPresent())
                .max(Comparator.comparingInt(h -> h.metadata().aliasOf(address).orElseThrow().length()));
    }

    private String aliases() {
        return registry.metadata().stream().flatMap(m -> m.aliases().stream()).sorted().toList().toString();
    }

    private static Resolution unresolved(String type, String address, String error) {
        return new Resolution(type == null || type.isBlank() ? "UNRESOLVED" : type, address, 0, 0, error);
    }

    private static int intProperty(MessageContext context, String name, int defaultValue) {
        Object value = context.read(name, SystemProperties.NAMESPACE);
        if (value instanceof Number number) {
            return Math.max(0, number.intValue());
        }
        if (value != null) {
            try {
                return Math.max(0, Integer.parseInt(value.toString().trim()));
            } catch (NumberFormatException e) {
                return defaultValue;
            }
        }
        return defaultValue;
    }
}
