package io.conveyor.engine.admin;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.PropertyBag;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.adapter.SendHandler;
import io.conveyor.engine.adapters.AdapterHost;
import io.conveyor.engine.adapters.AdapterStatus;
import io.conveyor.engine.adapters.HandlerRegistry;
import io.conveyor.engine.api.NotFoundException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The service API for adapters: what is deployed, how it is configured (masked values hidden), how it is doing. */
@Stateless
public class AdapterAdministration {

    @Inject
    HandlerRegistry registry;
    @Inject
    AdapterHost host;

    /** One adapter as operators see it. Masked handler properties appear with a {@code null} value (C5). */
    public record AdapterView(AdapterMetadata metadata, Map<String, Object> handlerConfiguration, AdapterStatus status) {
    }

    public List<AdapterView> list() {
        List<AdapterView> views = new ArrayList<>();
        for (AdapterStatus status : host.statuses()) {
            registry.handler(status.transportType()).ifPresent(handler -> views.add(view(handler, status)));
        }
        return views;
    }

    public AdapterView get(String transportType) {
        return list().stream().filter(v -> v.metadata().transportType().equalsIgnoreCase(transportType)).findFirst()
                .orElseThrow(() -> new NotFoundException("no adapter of transport type '" + transportType + "' is deployed"));
    }

    private static AdapterView view(SendHandler handler, AdapterStatus status) {
        AdapterMetadata metadata = handler.metadata();
        PropertyBag values = handler.handlerConfiguration();
        Map<String, Object> configuration = new LinkedHashMap<>();
        for (PropertyDescriptor descriptor : metadata.handlerProperties()) {
            configuration.put(descriptor.name(), descriptor.masked() ? null : values.read(descriptor.name()));
        }
        return new AdapterView(metadata, configuration, status);
    }
}
