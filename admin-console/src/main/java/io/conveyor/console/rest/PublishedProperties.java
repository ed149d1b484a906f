package io.conveyor.console.rest;

import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.SystemProperties;
import io.conveyor.engine.api.ValidationException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties of a publication, from the {@code Conveyor-Properties} header: a JSON object (UTF-8, each key once)
 * whose keys are property names ({@code Customer}, or {@code {urn:ns}Customer} with a namespace) and whose values are
 * strings, numbers or booleans; these are promoted. Of the engine's own properties ({@code BTS.*}) a publisher may set only those a
 * dynamic send needs ({@link #PUBLISHER_SYSTEM_PROPERTIES}); they are written, not promoted.
 */
final class PublishedProperties {

    private static final Pattern NAME = Pattern.compile("(?:\\{([^{}\\s]+)\\})?([A-Za-z_][A-Za-z0-9_-]{0,255})");

    /** System properties a publisher may set: the address, adapter and retry settings of a dynamic send. */
    static final Set<String> PUBLISHER_SYSTEM_PROPERTIES = Set.of(SystemProperties.OUTBOUND_TRANSPORT_LOCATION,
            SystemProperties.OUTBOUND_TRANSPORT_TYPE, SystemProperties.RETRY_COUNT, SystemProperties.RETRY_INTERVAL);

    private PublishedProperties() {
    }

    /** The properties, each as a context property: system properties written, the others promoted. */
    static List<ContextProperty> parse(String header) {
        List<ContextProperty> properties = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return properties;
        }
        JsonObject json = JsonBodies.object(utf8(header), "properties");
        for (Map.Entry<String, JsonValue> entry : json.entrySet()) {
            String field = "properties." + entry.getKey();
            if (entry.getKey().startsWith("BTS.")) {
                String name = entry.getKey().substring("BTS.".length());
                if (!PUBLISHER_SYSTEM_PROPERTIES.contains(name)) {
                    throw new ValidationException(field, "the engine sets this system property; publishers may set only "
                            + PUBLISHER_SYSTEM_PROPERTIES.stream().sorted().map(n -> "BTS." + n).toList());
                }
                properties.add(new ContextProperty(name, SystemProperties.NAMESPACE, systemValue(name, entry.getValue(), field), false));
                continue;
            }
            Matcher name = NAME.matcher(entry.getKey());
            if (!name.matches()) {
                throw new ValidationException(field, "a property name is letters, digits, '_' and '-', starting with a "
                        + "letter or '_', optionally preceded by {namespace}");
            }
            if (SystemProperties.NAMESPACE.equals(name.group(1))) {
                throw new ValidationException(field, "the engine's namespace is written BTS.<name>, and publishers may set "
                        + "only " + PUBLISHER_SYSTEM_PROPERTIES.stream().sorted().map(n -> "BTS." + n).toList());
            }
            properties.add(new ContextProperty(name.group(2), name.group(1) == null ? "" : name.group(1),
                    value(entry.getValue(), field), true));
        }
        return properties;
    }

    /**
     * The header as the publisher wrote it. HTTP header values arrive as bytes that the server hands over one
     * character per byte (ISO-8859-1); the header is UTF-8 JSON, so those bytes are decoded again as UTF-8, strictly:
     * bytes that are not UTF-8 are refused rather than stored as something the publisher never sent.
     */
    private static String utf8(String header) {
        if (header.chars().anyMatch(c -> c > 0xFF)) {
            return header;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            throw new ValidationException("properties", "the " + MessagesResource.PROPERTIES_HEADER
                    + " header is not valid UTF-8");
        }
    }

    private static Object systemValue(String name, JsonValue value, String field) {
        Object parsed = value(value, field);
        boolean numeric = name.equals(SystemProperties.RETRY_COUNT) || name.equals(SystemProperties.RETRY_INTERVAL);
        if (numeric) {
            if (!(parsed instanceof Long number) || number < 0 || number > Integer.MAX_VALUE) {
                throw new ValidationException(field, "must be a whole number of at least 0");
            }
            return number.intValue();
        }
        if (!(parsed instanceof String)) {
            throw new ValidationException(field, "must be a string");
        }
        return parsed;
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
