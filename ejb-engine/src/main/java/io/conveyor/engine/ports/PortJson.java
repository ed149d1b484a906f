package io.conveyor.engine.ports;

import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.TrackingLevel;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a send port, used alike by the REST API, the bindings file and the MessageBox's
 * {@code cv_send_port.definition}. Reading is strict: an unknown field, a wrong type or a missing required field is
 * refused with a {@link ValidationException} naming the field path. Checks that need the adapters (known adapter
 * types, endpoint properties, addresses) are {@link PortValidator}'s.
 */
public final class PortJson {

    private static final Set<String> PORT_FIELDS = Set.of("name", "filter", "state", "priority", "dynamic", "twoWay",
            "orderedDelivery", "stopSendingOnFailure", "primaryTransport", "backupTransport", "tracking");
    private static final Set<String> TRANSPORT_FIELDS = Set.of("adapter", "address", "properties", "retryCount",
            "retryInterval", "serviceWindow");
    private static final Set<String> WINDOW_FIELDS = Set.of("from", "to", "timeZone");

    private PortJson() {
    }

    /** Reads a port definition; {@code path} prefixes field names in errors ({@code ""} for a bare port). */
    public static SendPortDefinition read(JsonObject json, String path) {
        checkFields(json, PORT_FIELDS, path);
        boolean dynamic = optionalBoolean(json, "dynamic", path);
        return new SendPortDefinition(
                requiredString(json, "name", path),
                requiredString(json, "filter", path),
                readState(json, path),
                optionalInt(json, "priority", path, SendPortDefinition.DEFAULT_PRIORITY),
                dynamic,
                optionalBoolean(json, "twoWay", path),
                optionalBoolean(json, "orderedDelivery", path),
                optionalBoolean(json, "stopSendingOnFailure", path),
                dynamic && !present(json, "primaryTransport") ? null
                        : readTransport(requiredObject(json, "primaryTransport", path), path + "primaryTransport."),
                present(json, "backupTransport")
                        ? readTransport(requiredObject(json, "backupTransport", path), path + "backupTransport.")
                        : null,
                readTracking(json, path));
    }

    /** Writes a port definition; masked properties are written as given, so callers mask first where needed. */
    public static JsonObject write(SendPortDefinition port) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", port.name())
                .add("filter", port.filter())
                .add("state", port.state().name())
                .add("priority", port.priority())
                .add("dynamic", port.dynamic())
                .add("twoWay", port.twoWay())
                .add("orderedDelivery", port.orderedDelivery())
                .add("stopSendingOnFailure", port.stopSendingOnFailure())
                .add("tracking", port.tracking().name());
        if (port.primary() != null) {
            json.add("primaryTransport", write(port.primary()));
        }
        if (port.backup() != null) {
            json.add("backupTransport", write(port.backup()));
        }
        return json.build();
    }

    private static JsonObject write(TransportSettings transport) {
        JsonObjectBuilder properties = Json.createObjectBuilder();
        transport.properties().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> properties.add(e.getKey(), e.getValue()));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("adapter", transport.adapter())
                .add("address", transport.address())
                .add("properties", properties)
                .add("retryCount", transport.retryCount())
                .add("retryInterval", transport.retryInterval());
        ServiceWindow window = transport.serviceWindow();
        if (window != null) {
            json.add("serviceWindow", Json.createObjectBuilder().add("from", window.from().toString())
                    .add("to", window.to().toString()).add("timeZone", window.zone().getId()));
        }
        return json.build();
    }

    private static TransportSettings readTransport(JsonObject json, String path) {
        checkFields(json, TRANSPORT_FIELDS, path);
        return new TransportSettings(
                requiredString(json, "adapter", path),
                requiredString(json, "address", path),
                readProperties(json, path),
                optionalInt(json, "retryCount", path, TransportSettings.DEFAULT_RETRY_COUNT),
                optionalInt(json, "retryInterval", path, TransportSettings.DEFAULT_RETRY_INTERVAL),
                present(json, "serviceWindow")
                        ? readWindow(requiredObject(json, "serviceWindow", path), path + "serviceWindow.") : null);
    }

    private static ServiceWindow readWindow(JsonObject json, String path) {
        checkFields(json, WINDOW_FIELDS, path);
        LocalTime from = readTime(json, "from", path);
        LocalTime to = readTime(json, "to", path);
        ZoneId zone;
        String zoneText = present(json, "timeZone") ? requiredString(json, "timeZone", path) : "UTC";
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new ValidationException(path + "timeZone", "'" + zoneText + "' is not a time zone such as UTC or Europe/Paris");
        }
        if (from.equals(to)) {
            throw new ValidationException(path + "to", "must differ from 'from'");
        }
        return new ServiceWindow(from, to, zone);
    }

    private static LocalTime readTime(JsonObject json, String field, String path) {
        String text = requiredString(json, field, path);
        try {
            return LocalTime.parse(text);
        } catch (DateTimeException e) {
            throw new ValidationException(path + field, "'" + text + "' is not a time of day such as 09:00");
        }
    }

    private static boolean present(JsonObject json, String field) {
        return json.containsKey(field) && json.get(field) != JsonValue.NULL;
    }

    private static boolean optionalBoolean(JsonObject json, String field, String path) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return false;
        }
        if (value.getValueType() != JsonValue.ValueType.TRUE && value.getValueType() != JsonValue.ValueType.FALSE) {
            throw new ValidationException(path + field, "must be true or false");
        }
        return value == JsonValue.TRUE;
    }

    private static Map<String, String> readProperties(JsonObject json, String path) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!json.containsKey("properties") || json.get("properties") == JsonValue.NULL) {
            return properties;
        }
        JsonObject object = requiredObject(json, "properties", path);
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String field = path + "properties." + entry.getKey();
            properties.put(entry.getKey(), switch (entry.getValue().getValueType()) {
                case STRING -> ((JsonString) entry.getValue()).getString();
                case NUMBER -> entry.getValue().toString();
                case TRUE -> "true";
                case FALSE -> "false";
                default -> throw new ValidationException(field, "must be a string, a number or a boolean");
            });
        }
        return properties;
    }

    private static PortState readState(JsonObject json, String path) {
        if (!json.containsKey("state") || json.get("state") == JsonValue.NULL) {
            return PortState.STARTED;
        }
        String state = requiredString(json, "state", path);
        try {
            return PortState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(path + "state", "'" + state + "' is not one of BOUND, STOPPED, STARTED");
        }
    }

    private static TrackingLevel readTracking(JsonObject json, String path) {
        if (!present(json, "tracking")) {
            return SendPortDefinition.DEFAULT_TRACKING;
        }
        String tracking = requiredString(json, "tracking", path);
        try {
            return TrackingLevel.valueOf(tracking.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(path + "tracking", "'" + tracking + "' is not one of "
                    + Arrays.stream(TrackingLevel.values()).map(Enum::name).toList());
        }
    }

    private static void checkFields(JsonObject json, Set<String> known, String path) {
        for (String field : json.keySet()) {
            if (!known.contains(field)) {
                throw new ValidationException(path + field, "unknown field; expected one of " + known.stream().sorted().toList());
            }
        }
    }

    private static String requiredString(JsonObject json, String field, String path) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            throw new ValidationException(path + field, "is required");
        }
        if (!(value instanceof JsonString string)) {
            throw new ValidationException(path + field, "must be a string");
        }
        return string.getString();
    }

    private static JsonObject requiredObject(JsonObject json, String field, String path) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            throw new ValidationException(path + field, "is required");
        }
        if (!(value instanceof JsonObject object)) {
            throw new ValidationException(path + field, "must be an object");
        }
        return object;
    }

    private static int optionalInt(JsonObject json, String field, String path, int defaultValue) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return defaultValue;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new ValidationException(path + field, "must be a whole number");
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            throw new ValidationException(path + field, "is out of range");
        }
    }
}
