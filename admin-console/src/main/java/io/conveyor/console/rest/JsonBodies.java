package io.conveyor.console.rest;

import static io.conveyor.console.rest.JsonProviders.JSON;

import io.conveyor.engine.api.ValidationException;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.util.Map;

/**
 * Parses JSON from requests strictly: malformed JSON, a key given twice in one object (which value was meant?), nesting
 * deeper than the parser allows, and non-objects are refused naming the field.
 */
final class JsonBodies {

    private static final JsonReaderFactory READERS = JSON.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private JsonBodies() {
    }

    static JsonObject object(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "a JSON object is required");
        }
        JsonStructure structure;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            structure = reader.read();
        } catch (RuntimeException e) {
            // JsonException for syntax and duplicate keys; the parser reports excessive nesting as a plain RuntimeException
            throw new ValidationException(field, "malformed JSON: " + e.getMessage());
        }
        if (!(structure instanceof JsonObject object)) {
            throw new ValidationException(field, "must be a JSON object");
        }
        return object;
    }
}
