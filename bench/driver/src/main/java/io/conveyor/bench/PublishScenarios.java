package io.conveyor.bench;

import jakarta.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Publishing alone (to a stopped port, so nothing is delivered), and a 200,000-message backlog drained. */
final class PublishScenarios {

    private static final String PORT = "bench-publish";
    private static final int REST_CLIENTS = 8;

    private PublishScenarios() {
    }

    /** REST, one message per request from {@value #REST_CLIENTS} client threads; then the in-server API, batched and not. */
    static void publishing(BenchContext context) throws Exception {
        context.filePort(PORT, "publish");
        context.client().changeState(PORT, "STOPPED");
        int restCount = context.options().count(10_000);
        Measurement rest = context.measurement("Publish only, REST, 1 KB, " + REST_CLIENTS + " client threads", "msg/s", restCount);
        rest.note("latency: request sent to 201 Created");
        for (int run = 0; run < context.options().runs(); run++) {
            RunMeter meter = RunMeter.start(context);
            publishOverRest(context, rest, restCount);
            meter.finish(rest, restCount);
            clear(context, restCount);
        }
        for (int batch : new int[] {1, 100}) {
            int inServerCount = context.options().count(batch == 1 ? 5_000 : 20_000);
            Measurement measurement = context.measurement("Publish only, in-server EJB API, 1 KB, " + batch
                    + " per transaction, 2 threads", "msg/s", inServerCount);
            for (int run = 0; run < context.options().runs(); run++) {
                RunMeter meter = RunMeter.start(context);
                context.client().publishInServer("publish", inServerCount, 1024, batch, 0, 2).get();
                meter.finish(measurement, inServerCount);
                clear(context, inServerCount);
            }
        }
    }

    private static void publishOverRest(BenchContext context, Measurement measurement, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(REST_CLIENTS);
        AtomicLong next = new AtomicLong();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < REST_CLIENTS; i++) {
                work.add(clients.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        long sent = BenchClock.nowMicros();
                        int status = context.client().publish("publish", body(sent));
                        if (status != 201) {
                            throw new IllegalStateException("REST publication answered HTTP " + status);
                        }
                        measurement.latencies.add(BenchClock.nowMicros() - sent);
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static byte[] body(long stamp) {
        byte[] body = new byte[1024];
        java.util.Arrays.fill(body, (byte) 'x');
        byte[] line = (stamp + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(line, 0, body, 0, line.length);
        return body;
    }

    /** Terminates what a publication run left suspended on the stopped port (not measured). */
    private static void clear(BenchContext context, long expected) throws Exception {
        long terminated = context.client().controlAllSuspended(PORT, "terminate");
        if (terminated != expected) {
            throw new IllegalStateException("found " + terminated + " publications on the stopped port, expected " + expected);
        }
    }

    /**
     * 200,000 messages published to a port whose service window is closed (the engine holds them, the adapter sees
     * nothing), then drained when the window opens: the rate from the opening to the last deletion.
     */
    static void backlog(BenchContext context) throws Exception {
        int count = context.options().count(200_000);
        Path directory = context.output("bench-backlog");
        FileDeliveries.reset(directory);
        Instant opening = Instant.now().plusSeconds(count / 1500 + 20).truncatedTo(ChronoUnit.SECONDS);
        LocalTime from = LocalTime.ofInstant(opening, ZoneOffset.UTC);
        context.client().createPort(Json.createObjectBuilder().add("name", "bench-backlog").add("filter", "Kind = 'backlog'")
                .add("primaryTransport", Json.createObjectBuilder().add("adapter", "FILE")
                        .add("address", "file://" + directory + "/%MessageID%.txt").add("retryCount", 0)
                        // open from the opening until a second ago: closed from now to the opening
                        .add("serviceWindow", Json.createObjectBuilder().add("from", from.toString())
                                .add("to", LocalTime.ofInstant(Instant.now().minusSeconds(1), ZoneOffset.UTC)
                                        .truncatedTo(ChronoUnit.SECONDS).toString()).add("timeZone", "UTC"))).build());
        Measurement publish = context.measurement("Backlog: publish while the port's service window is closed, in-server, "
                + "500 per transaction", "msg/s", count);
        RunMeter publishing = RunMeter.start(context);
        context.client().publishInServer("backlog", count, 1024, 500, 0, 2).get();
        publishing.finish(publish, count);

        Measurement drain = context.measurement("Backlog: " + count + " messages drained when the window opens", "msg/s", count);
        if (Instant.now().isAfter(opening)) {
            drain.note("publishing outlasted the closed window, so the drain began before the last publication");
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), opening).toMillis()));
        RunMeter draining = RunMeter.start(context);
        context.client().awaitSettled("bench-backlog", null, BenchContext.SETTLE_TIMEOUT);
        draining.finish(drain, count);
        FileScenarios.expectFiles(directory, count);
        drain.note("one run");
        FileDeliveries.reset(directory);
    }
}
