package io.conveyor.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What every scenario works with: the options, the running server and its configuration, the client, the results. */
record BenchContext(BenchOptions options, WildFlyServer server, WildFlyServer.Config config, ConveyorClient client,
                    List<Measurement> results) {

    /** How long a scenario waits for its messages to be delivered before it gives up. */
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(20);

    Measurement measurement(String scenario, String unit, long messages) {
        Measurement measurement = new Measurement(scenario, config.describe(), unit, messages);
        results.add(measurement);
        return measurement;
    }

    Path output(String name) {
        return options.outputRoot().resolve(name);
    }

    /** A started static send port subscribing to {@code Kind = '<kind>'}, with no retries, tracked by default. */
    void port(String name, String kind, String adapter, String address, JsonObject properties, boolean twoWay) throws Exception {
        port(name, kind, adapter, address, properties, twoWay, "EVENTS");
    }

    /** A started static send port subscribing to {@code Kind = '<kind>'}, with no retries, at a tracking level. */
    void port(String name, String kind, String adapter, String address, JsonObject properties, boolean twoWay,
              String tracking) throws Exception {
        client.createPort(Json.createObjectBuilder().add("name", name).add("filter", "Kind = '" + kind + "'")
                .add("twoWay", twoWay).add("tracking", tracking)
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", adapter).add("address", address)
                        .add("properties", properties).add("retryCount", 0)).build());
    }

    /** A FILE port writing {@code <output>/<MessageID>.txt}, tracked by default. */
    Path filePort(String name, String kind) throws Exception {
        return filePort(name, kind, "EVENTS");
    }

    /** A FILE port writing {@code <output>/<MessageID>.txt}, at a tracking level ({@code OFF}, {@code EVENTS}). */
    Path filePort(String name, String kind, String tracking) throws Exception {
        Path directory = output(name);
        port(name, kind, "FILE", "file://" + directory + "/%MessageID%.txt", Json.createObjectBuilder().build(), false,
                tracking);
        return directory;
    }
}
