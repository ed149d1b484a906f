package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.adapter.AdapterMetadata;
import io.conveyor.adapter.Capability;
import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.PropertyDescriptor;
import io.conveyor.engine.adapters.AdapterStatus;
import io.conveyor.engine.admin.AdapterAdministration;
import io.conveyor.engine.messagebox.AuditEntry;
import io.conveyor.engine.messagebox.MessageBoxQueries;
import io.conveyor.engine.messagebox.TrackedBody;
import io.conveyor.engine.messagebox.TrackedEvent;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.ports.AddressCredentials;
import io.conveyor.engine.ports.PortJson;
import io.conveyor.engine.ports.SendPort;
import io.conveyor.engine.routing.PublishReceipt;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON the REST API answers with. */
final class JsonViews {

    private JsonViews() {
    }

    static JsonObject port(SendPort port) {
        JsonObjectBuilder json = JSON.createObjectBuilder(PortJson.write(port.definition()));
        json.add("id", port.id());
        json.add("updatedAt", port.updatedAt().toString());
        return json.build();
    }

    static JsonObject receipt(PublishReceipt receipt) {
        JsonArrayBuilder routes = JSON.createArrayBuilder();
        for (PublishReceipt.Route route : receipt.routes()) {
            routes.add(JSON.createObjectBuilder().add("port", route.portName()).add("workItemId", route.workItemId())
                    .add("state", route.state()));
        }
        return JSON.createObjectBuilder().add("messageId", receipt.messageId()).add("routedTo", routes).build();
    }

    static JsonObject workItem(WorkItem item) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", item.id())
                .add("messageId", item.messageId())
                .add("port", item.portName())
                .add("transport", item.transport().name())
                .add("adapter", item.adapterType())
                .add("state", item.state().name())
                .add("priority", item.priority())
                .add("nextAttemptAt", item.nextAttemptAt().toString())
                .add("retriesLeft", item.retriesLeft())
                .add("retryInterval", item.retryInterval())
                .add("attempts", item.attemptCount())
                .add("ordered", item.ordered())
                .add("sequence", item.seq())
                .add("createdAt", item.createdAt().toString());
        optional(json, "address", AddressCredentials.masked(item.address()));
        optional(json, "leaseOwner", item.leaseOwner());
        optional(json, "leaseExpiresAt", item.leaseExpiresAt());
        optional(json, "errorText", item.errorText());
        optional(json, "errorAdapter", item.errorAdapter());
        optional(json, "errorAddress", item.errorAddress());
        optional(json, "suspendedAt", item.suspendedAt());
        return json.build();
    }

    static JsonObject message(MessageBoxQueries.MessageView message) {
        JsonArrayBuilder context = JSON.createArrayBuilder();
        for (ContextProperty property : message.context()) {
            JsonObjectBuilder entry = JSON.createObjectBuilder().add("name", property.name())
                    .add("namespace", property.namespace()).add("promoted", property.promoted());
            value(entry, "value", property.value());
            context.add(entry);
        }
        JsonArrayBuilder parts = JSON.createArrayBuilder();
        for (MessageBoxQueries.PartView part : message.parts()) {
            JsonObjectBuilder entry = JSON.createObjectBuilder().add("name", part.name()).add("size", part.size());
            optional(entry, "contentType", part.contentType());
            optional(entry, "charset", part.charset());
            parts.add(entry);
        }
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", message.id())
                .add("createdAt", message.createdAt().toString())
                .add("size", message.size())
                .add("context", context)
                .add("parts", parts)
                .add("workItems", workItems(message.workItems()));
        optional(json, "correlationId", message.correlationId());
        return json.build();
    }

    static JsonArrayBuilder workItems(List<WorkItem> items) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        items.forEach(item -> array.add(workItem(item)));
        return array;
    }

    static JsonObject auditEntry(AuditEntry entry) {
        try (var details = JSON.createReader(new StringReader(entry.details()))) {
            return JSON.createObjectBuilder()
                    .add("id", entry.id())
                    .add("at", entry.recordedAt().toString())
                    .add("actor", entry.actor())
                    .add("action", entry.action().name())
                    .add("target", entry.target())
                    .add("details", details.readObject())
                    .build();
        }
    }

    static JsonObject trackedEvent(TrackedEvent event) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", event.id())
                .add("at", event.recordedAt().toString())
                .add("messageId", event.messageId())
                .add("event", event.event().name());
        optional(json, "port", event.portName());
        optional(json, "workItemId", event.workItemId());
        optional(json, "adapter", event.adapterType());
        optional(json, "address", event.address());
        optional(json, "outcome", event.outcome());
        optional(json, "detail", event.detail());
        if (event.durationMs() != null) {
            json.add("durationMs", event.durationMs());
        }
        return json.build();
    }

    static JsonObject trackedBody(TrackedBody body) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("messageId", body.messageId())
                .add("part", body.partName())
                .add("partIndex", body.partIndex());
        optional(json, "contentType", body.contentType());
        optional(json, "charset", body.charset());
        return json.add("sizeBytes", body.sizeBytes())
                .add("keptBytes", body.keptBytes())
                .add("truncated", body.truncated())
                .add("at", body.recordedAt().toString())
                .build();
    }

    static JsonObject adapter(AdapterAdministration.AdapterView view) {
        AdapterMetadata metadata = view.metadata();
        JsonArrayBuilder capabilities = JSON.createArrayBuilder();
        metadata.capabilities().stream().map(Capability::name).sorted().forEach(capabilities::add);
        JsonObjectBuilder handler = JSON.createObjectBuilder();
        for (Map.Entry<String, Object> entry : view.handlerConfiguration().entrySet()) {
            value(handler, entry.getKey(), entry.getValue());
        }
        AdapterStatus status = view.status();
        JsonObjectBuilder statusJson = JSON.createObjectBuilder().add("state", status.state().name())
                .add("inFlight", status.inFlight());
        optional(statusJson, "mode", status.mode() == null ? null : status.mode().name());
        optional(statusJson, "createdAt", status.createdAt());
        optional(statusJson, "lastError", status.lastError());
        optional(statusJson, "lastErrorAt", status.lastErrorAt());
        return JSON.createObjectBuilder()
                .add("transportType", metadata.transportType())
                .add("name", metadata.name())
                .add("version", metadata.version())
                .add("description", metadata.description())
                .add("aliases", JSON.createArrayBuilder(metadata.aliases()))
                .add("capabilities", capabilities)
                .add("capabilityMask", Capability.toMask(metadata.capabilities()))
                .add("propertyNamespace", metadata.propertyNamespace())
                .add("handlerConfiguration", handler)
                .add("handlerProperties", schema(metadata.handlerProperties()))
                .add("endpointProperties", schema(metadata.endpointProperties()))
                .add("status", statusJson)
                .build();
    }

    private static JsonArrayBuilder schema(List<PropertyDescriptor> descriptors) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (PropertyDescriptor descriptor : descriptors) {
            JsonObjectBuilder entry = JSON.createObjectBuilder().add("name", descriptor.name())
                    .add("type", descriptor.type().name()).add("required", descriptor.required())
                    .add("masked", descriptor.masked()).add("description", descriptor.description());
            optional(entry, "default", descriptor.defaultValue());
            array.add(entry);
        }
        return array;
    }

    private static void value(JsonObjectBuilder json, String name, Object value) {
        if (value == null) {
            json.addNull(name);
        } else if (value instanceof Boolean bool) {
            json.add(name, bool);
        } else if (value instanceof Integer || value instanceof Long) {
            json.add(name, ((Number) value).longValue());
        } else if (value instanceof Double number) {
            json.add(name, number);
        } else if (value instanceof BigDecimal decimal) {
            json.add(name, decimal);
        } else {
            json.add(name, value.toString());
        }
    }

    private static void optional(JsonObjectBuilder json, String name, Object value) {
        if (value != null) {
            json.add(name, value instanceof Instant instant ? instant.toString() : value.toString());
        }
    }
}
