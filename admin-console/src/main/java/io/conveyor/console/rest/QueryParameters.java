package io.conveyor.console.rest;

import io.conveyor.engine.api.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters shared by the listing resources, checked with an error that names them. */
final class QueryParameters {

    /** Rows a listing returns when {@code limit} is not given. */
    static final int DEFAULT_LIMIT = 100;

    private QueryParameters() {
    }

    /** The {@code limit} parameter: 1 to 1000 rows, 100 when absent. */
    static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the field name
        }
        throw new ValidationException("limit", "'" + text + "' is not a whole number from 1 to 1000");
    }

    /** An ISO-8601 instant parameter; {@code null} when absent. */
    static Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "'" + text + "' is not an ISO-8601 instant such as 2026-01-31T09:00:00Z");
        }
    }

    /** A text parameter; {@code null} when absent or blank. */
    static String text(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
