package io.conveyor.engine.admin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code details} of audit rows, as JSON. What is recorded of a send port is its masked form, the one the REST API
 * shows (masked endpoint properties and address passwords as {@code ********}), never the stored one; lists of
 * identities or names are cut at {@value #MAX_LISTED} entries.
 */
final class AuditDetails {

    /** Most identities or names one row lists; the rest are only counted. */
    static final int MAX_LISTED = 100;
    /** Longest text kept of a value a caller sent (an identity that names no work item); longer ones end in "…". */
    static final int MAX_TEXT = 64;

    private AuditDetails() {
    }

    /**
     * What changed between two definitions of a port, as {@code {"<path>": {"from": ..., "to": ...}}} with paths such
     * as {@code primaryTransport.properties.timeout} (an empty object has no path of its own). Which fields changed is decided on the stored forms (so a new
     * password counts as a change), what is written comes from the masked forms (so it reads {@code ********} on both
     * sides); a field absent on one side is {@code null} there.
     */
    static JsonObject changes(JsonObject storedBefore, JsonObject storedAfter, JsonObject maskedBefore,
                              JsonObject maskedAfter) {
        Map<String, JsonValue> before = flatten(storedBefore);
        Map<String, JsonValue> after = flatten(storedAfter);
        Map<String, JsonValue> shownBefore = flatten(maskedBefore);
        Map<String, JsonValue> shownAfter = flatten(maskedAfter);
        Set<String> paths = new LinkedHashSet<>(before.keySet());
        paths.addAll(after.keySet());
        JsonObjectBuilder changes = Json.createObjectBuilder();
        for (String path : paths) {
            if (!before.getOrDefault(path, JsonValue.NULL).equals(after.getOrDefault(path, JsonValue.NULL))) {
                changes.add(path, Json.createObjectBuilder()
                        .add("from", shownBefore.getOrDefault(path, JsonValue.NULL))
                        .add("to", shownAfter.getOrDefault(path, JsonValue.NULL)));
            }
        }
        return changes.build();
    }

    /** {@code [first MAX_LISTED values]} under {@code name}, and {@code <name>Omitted: n} when there were more. */
    static void addList(JsonObjectBuilder details, String name, List<String> values) {
        JsonArrayBuilder listed = Json.createArrayBuilder();
        values.stream().limit(MAX_LISTED).forEach(listed::add);
        details.add(name, listed);
        if (values.size() > MAX_LISTED) {
            details.add(name + "Omitted", values.size() - MAX_LISTED);
        }
    }

    /** The text, cut to {@value #MAX_TEXT} characters. */
    static String shortened(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private static Map<String, JsonValue> flatten(JsonObject json) {
        Map<String, JsonValue> leaves = new LinkedHashMap<>();
        flatten("", json, leaves);
        return leaves;
    }

    private static void flatten(String prefix, JsonObject json, Map<String, JsonValue> leaves) {
        json.forEach((name, value) -> {
            if (value instanceof JsonObject object) {
                flatten(prefix + name + ".", object, leaves);
            } else {
                leaves.put(prefix + name, value);
            }
        });
    }
}
