package io.conveyor.engine.ports;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.Capability;
import io.conveyor.adapter.InvalidEndpointException;
import io.conveyor.adapter.MapPropertyBag;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.adapter.SendHandler;
import io.conveyor.engine.adapters.HandlerRegistry;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.routing.filter.Filter;
import io.conveyor.engine.routing.filter.FilterSyntaxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a send port definition before anything is stored (principle 8 in {@code docs/principles.md}): name, filter,
 * priority, retry settings, and for each transport that the adapter is deployed, that its endpoint properties are in
 * the adapter's schema and of the right type, that a masked one referring to a credential store entry resolves, and
 * that the adapter accepts the address. Errors name the field path and never repeat a masked value.
 */
@ApplicationScoped
public class PortValidator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_RETRY_COUNT = 1000;
    private static final int MAX_RETRY_INTERVAL = 525_600;

    @Inject
    HandlerRegistry registry;
    @Inject
    CredentialStores credentialStores;

    /**
     * Validates a definition; returns it with adapter types in their registered spelling.
     *
     * @param path prefix of field names in errors ({@code ""}, or e.g. {@code sendPorts[2].} in a bindings file)
     */
    public SendPortDefinition validate(SendPortDefinition port, String path) {
        if (!NAME.matcher(port.name()).matches()) {
            throw new ValidationException(path + "name", "'" + port.name() + "' must be 1 to 128 letters, digits, '.', "
                    + "'_' or '-', starting with a letter or digit");
        }
        try {
            Filter.parse(port.filter());
        } catch (FilterSyntaxException e) {
            throw new ValidationException(path + "filter", e.getMessage());
        }
        if (port.priority() < WorkItem.HIGHEST_PRIORITY || port.priority() > WorkItem.LOWEST_PRIORITY) {
            throw new ValidationException(path + "priority", port.priority() + " is not between "
                    + WorkItem.HIGHEST_PRIORITY + " (highest) and " + WorkItem.LOWEST_PRIORITY + " (lowest)");
        }
        if (port.dynamic()) {
            if (port.primary() != null || port.backup() != null) {
                throw new ValidationException(path + (port.primary() != null ? "primaryTransport" : "backupTransport"),
                        "a dynamic port has no transports: each message names its address");
            }
        } else if (port.primary() == null) {
            throw new ValidationException(path + "primaryTransport", "is required (or set dynamic to true)");
        }
        if (port.stopSendingOnFailure() && !port.orderedDelivery()) {
            throw new ValidationException(path + "stopSendingOnFailure", "applies only with orderedDelivery");
        }
        TransportSettings primary = port.primary() == null ? null : validate(port.primary(), path + "primaryTransport.");
        TransportSettings backup = port.backup() == null ? null : validate(port.backup(), path + "backupTransport.");
        if (port.orderedDelivery() && primary != null && !registry.handler(primary.adapter()).orElseThrow().metadata()
                .has(Capability.SUPPORTS_ORDERED_DELIVERY)) {
            throw new ValidationException(path + "orderedDelivery", "adapter " + primary.adapter()
                    + " does not support ordered delivery");
        }
        if (port.twoWay()) {
            requireSolicitResponse(primary, path + "primaryTransport.adapter");
            requireSolicitResponse(backup, path + "backupTransport.adapter");
        }
        return new SendPortDefinition(port.name(), port.filter(), port.state(), port.priority(), port.dynamic(),
                port.twoWay(), port.orderedDelivery(), port.stopSendingOnFailure(), primary, backup, port.tracking());
    }

    /**
     * A two-way port's transports must support solicit-response, the backup's included (send-adapter contract §5 in
     * {@code docs/send-adapter-contract.md}, R5).
     */
    private void requireSolicitResponse(TransportSettings transport, String field) {
        if (transport != null && !registry.handler(transport.adapter()).orElseThrow().metadata()
                .has(Capability.SUPPORTS_SOLICIT_RESPONSE)) {
            throw new ValidationException(field, "adapter " + transport.adapter()
                    + " does not support solicit-response, so it cannot serve a two-way port");
        }
    }

    private TransportSettings validate(TransportSettings transport, String path) {
        if (transport.retryCount() < 0 || transport.retryCount() > MAX_RETRY_COUNT) {
            throw new ValidationException(path + "retryCount", transport.retryCount() + " is not between 0 and " + MAX_RETRY_COUNT);
        }
        if (transport.retryInterval() < 0 || transport.retryInterval() > MAX_RETRY_INTERVAL) {
            throw new ValidationException(path + "retryInterval", transport.retryInterval()
                    + " is not between 0 and " + MAX_RETRY_INTERVAL + " minutes");
        }
        SendHandler handler = registry.handler(transport.adapter()).orElseThrow(() -> new ValidationException(
                path + "adapter", "unknown adapter type '" + transport.adapter() + "'; deployed: "
                + registry.metadata().stream().map(AdapterMetadata::transportType).sorted().toList()));
        AdapterMetadata metadata = handler.metadata();
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, String> property : transport.properties().entrySet()) {
            String field = path + "properties." + property.getKey();
            PropertyDescriptor descriptor = metadata.endpointProperty(property.getKey()).orElseThrow(() ->
                    new ValidationException(field, "unknown endpoint property of adapter " + metadata.transportType()
                            + "; known: " + metadata.endpointProperties().stream().map(PropertyDescriptor::name).toList()));
            String value = property.getValue();
            if (descriptor.masked()) {
                value = resolved(value, field);
                secrets.add(value);
            }
            try {
                properties.put(property.getKey(), descriptor.parse(value));
            } catch (IllegalArgumentException e) {
                throw new ValidationException(field, SecretText.scrub(e.getMessage(), secrets));
            }
        }
        for (PropertyDescriptor descriptor : metadata.endpointProperties()) {
            if (descriptor.required() && !properties.containsKey(descriptor.name())) {
                throw new ValidationException(path + "properties." + descriptor.name(), "is required by adapter "
                        + metadata.transportType());
            }
        }
        try {
            handler.validateEndpoint(transport.address(), MapPropertyBag.readOnly(properties));
        } catch (InvalidEndpointException e) {
            String field = "address".equals(e.field()) ? path + "address" : path + "properties." + e.field();
            throw new ValidationException(field, SecretText.scrub(e.getMessage(), secrets));
        }
        return new TransportSettings(metadata.transportType(), transport.address(), transport.properties(),
                transport.retryCount(), transport.retryInterval(), transport.serviceWindow());
    }

    /** A masked value as the adapter will get it: a credential store reference resolved, anything else as it is. */
    private String resolved(String value, String field) {
        Optional<CredentialStoreReference> reference = CredentialStoreReference.parse(value);
        if (reference.isEmpty()) {
            return value;
        }
        try {
            return credentialStores.resolve(reference.get());
        } catch (UnresolvedSecretException e) {
            throw new ValidationException(field, e.getMessage());
        }
    }
}
