package io.conveyor.console.rest;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON provider the REST layer builds and reads JSON with, looked up once: {@code Json.createXxx} looks it up on
 * every call, which cost about a tenth of a REST publication's time (found by the benchmark).
 */
final class JsonProviders {

    static final JsonProvider JSON = JsonProvider.provider();

    private JsonProviders() {
    }
}
