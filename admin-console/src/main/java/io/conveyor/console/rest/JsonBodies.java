package io.conveyor.console.rest;

import io.conveyor.engine.admin.ValidationException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.StringReader;

/** Parses request bodies strictly: malformed JSON and non-objects are refused naming the field {@code body}. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonObject object(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "a JSON object is required");
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonStructure structure = reader.read();
            if (!(structure instanceof JsonObject object)) {
                throw new ValidationException(field, "must be a JSON object");
            }
            return object;
        } catch (JsonException e) {
            throw new ValidationException(field, "malformed JSON: " + e.getMessage());
        }
    }
}
