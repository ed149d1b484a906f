package io.conveyor.console.rest;

import io.conveyor.engine.admin.ValidationException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties a publisher promotes, from the {@code Conveyor-Properties} header: a JSON object whose keys are
 * property names ({@code Customer}, or {@code {urn:ns}Customer} with a namespace) and whose values are strings,
 * numbers or booleans. The engine's own namespace ({@code BTS.*}) is refused: the engine sets those.
 */
final class PublishedProperties {

    private static final Pattern NAME = Pattern.compile("(?:\\{([^{}\\s]+)\\})?([A-Za-z_][A-Za-z0-9_-]{0,255})");

    /** One property to promote. */
    record Property(String namespace, String name, Object value) {
    }

    private PublishedProperties() {
    }

    static List<Property> parse(String header) {
        List<Property> properties = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return properties;
        }
        JsonObject json = JsonBodies.object(header, "properties");
        for (Map.Entry<String, JsonValue> entry : json.entrySet()) {
            String field = "properties." + entry.getKey();
            if (entry.getKey().startsWith("BTS.")) {
                throw new ValidationException(field, "system properties are set by the engine, not by publishers");
            }
            Matcher name = NAME.matcher(entry.getKey());
            if (!name.matches()) {
                throw new ValidationException(field, "a property name is letters, digits, '_' and '-', starting with a "
                        + "letter or '_', optionally preceded by {namespace}");
            }
            properties.add(new Property(name.group(1) == null ? "" : name.group(1), name.group(2),
                    value(entry.getValue(), field)));
        }
        return properties;
    }

    private static Object value(JsonValue value, String field) {
        switch (value.getValueType()) {
            case STRING:
                return ((JsonString) value).getString();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case NUMBER:
                JsonNumber number = (JsonNumber) value;
                BigDecimal decimal = number.bigDecimalValue();
                if (number.isIntegral()) {
                    try {
                        return decimal.longValueExact();
                    } catch (ArithmeticException e) {
                        return decimal;
                    }
                }
                return decimal;
            default:
                throw new ValidationException(field, "must be a string, a number or a boolean");
        }
    }
}
