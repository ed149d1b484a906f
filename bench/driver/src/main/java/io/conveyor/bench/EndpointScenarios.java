package io.conveyor.bench;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** HTTP solicit-response against a loopback partner, SQL transactional one-way, and a failing endpoint beside a healthy one. */
final class EndpointScenarios {

    private EndpointScenarios() {
    }

    /** Two-way HTTP: each request's response is published in the MessageBox with the deletion of the request. */
    static void httpSolicitResponse(BenchContext context) throws Exception {
        int count = context.options().count(5_000);
        try (LoopbackPartner partner = new LoopbackPartner(false)) {
            context.port("bench-http", "http", "HTTP", partner.url("/quotes"), Json.createObjectBuilder().build(), true);
            Measurement measurement = context.measurement("HTTP solicit-response 1 KB, end to end", "msg/s", count);
            for (int run = 0; run < context.options().runs(); run++) {
                partner.takeLatencies();
                RunMeter meter = RunMeter.start(context);
                context.client().publishInServer("http", count, 1024, 100, 0, 2).get();
                context.client().awaitSettled("bench-http", null, BenchContext.SETTLE_TIMEOUT);
                meter.finish(measurement, count);
                measurement.latencies.addAll(partner.takeLatencies());
            }
            measurement.note("latency: publication to arrival at the partner; " + partner.requests() + " requests answered in all");
        }
    }

    /** SQL one-way: the insert into the sample target database and the deletion commit in one XA transaction. */
    static void sqlTransactional(BenchContext context) throws Exception {
        int count = context.options().count(5_000);
        context.port("bench-sql", "sql", "SQL", "sql://bench", Json.createObjectBuilder()
                .add("statement", "insert into bench_delivery (body) values (:body)").build(), false);
        Measurement measurement = context.measurement("SQL transactional one-way 1 KB (XA, H2 target), end to end", "msg/s", count);
        for (int run = 0; run < context.options().runs(); run++) {
            context.client().recreateTargetTable();
            RunMeter meter = RunMeter.start(context);
            context.client().publishInServer("sql", count, 1024, 100, 0, 2).get();
            context.client().awaitSettled("bench-sql", null, BenchContext.SETTLE_TIMEOUT);
            meter.finish(measurement, count);
            JsonObject rows = context.client().targetDeliveries();
            if (rows.getJsonNumber("count").longValue() != count) {
                throw new IllegalStateException("the target table holds " + rows.getJsonNumber("count") + " rows, expected " + count);
            }
            for (JsonValue latency : rows.getJsonArray("latenciesMicros")) {
                measurement.latencies.add(((JsonNumber) latency).longValue());
            }
        }
        measurement.note("row count checked; latency: publication to the delivery transaction's timestamp");
    }

    /**
     * A healthy FILE port alone, then the same load with a neighbour HTTP port whose partner answers 500 to every
     * call (no retries, so each failure ends suspended): the healthy port's throughput in both, and the failing port's.
     */
    static void failingEndpoint(BenchContext context) throws Exception {
        int count = context.options().count(5_000);
        try (LoopbackPartner partner = new LoopbackPartner(true)) {
            Path directory = context.filePort("bench-healthy", "healthy");
            context.port("bench-failing", "failing", "HTTP", partner.url("/down"), Json.createObjectBuilder().build(), false);
            Measurement alone = context.measurement("Healthy FILE port alone", "msg/s", count);
            Measurement beside = context.measurement("Healthy FILE port beside a failing HTTP port", "msg/s", count);
            Measurement failing = context.measurement("The failing HTTP port (500 on every call, ends suspended)", "failures/s", count);
            for (int run = 0; run < context.options().runs(); run++) {
                FileDeliveries.reset(directory);
                RunMeter meter = RunMeter.start(context);
                context.client().publishInServer("healthy", count, 1024, 100, 0, 2).get();
                context.client().awaitSettled("bench-healthy", null, BenchContext.SETTLE_TIMEOUT);
                meter.finish(alone, count);
                FileScenarios.expectFiles(directory, count);

                FileDeliveries.reset(directory);
                RunMeter together = RunMeter.start(context);
                CompletableFuture<JsonObject> bad = context.client().publishInServer("failing", count, 1024, 100, 0, 1);
                context.client().publishInServer("healthy", count, 1024, 100, 0, 1).get();
                context.client().awaitSettled("bench-healthy", null, BenchContext.SETTLE_TIMEOUT);
                together.finish(beside, count);
                bad.get();
                context.client().awaitSettled("bench-failing", "SUSPENDED", BenchContext.SETTLE_TIMEOUT);
                together.finish(failing, count);
                FileScenarios.expectFiles(directory, count);
                long suspended = context.client().controlAllSuspended("bench-failing", "terminate");
                if (suspended != count) {
                    throw new IllegalStateException("the failing port suspended " + suspended + " messages, expected " + count);
                }
            }
            failing.note("every failure suspended with its error, counted; CPU and memory are those of the whole run");
        }
    }
}
