package io.conveyor.console.rest;

import io.conveyor.engine.api.ValidationException;

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
}
