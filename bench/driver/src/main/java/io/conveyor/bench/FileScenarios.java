package io.conveyor.bench;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One-way FILE: bursts end to end, the sustainable rate and the latency at half of it, message sizes, 1 GB. */
final class FileScenarios {

    static final String PORT = "bench-file";
    static final String KIND = "file";
    private static final int PUBLISHER_THREADS = 2;
    /** Far longer than the 1 GiB message needs on either database; past it the run is reported failed. */
    private static final Duration LARGE_MESSAGE_TIMEOUT = Duration.ofMinutes(5);

    private FileScenarios() {
    }

    /**
     * Publishes {@code count} messages in-server as fast as the engine takes them while it delivers them, and records
     * the end-to-end rate (first publication to last deletion) and each file's latency. Checks that exactly
     * {@code count} files were written.
     */
    static double burst(BenchContext context, Measurement measurement, Path directory, int count, int size, int batch)
            throws Exception {
        FileDeliveries.reset(directory);
        RunMeter meter = RunMeter.start(context);
        context.client().publishInServer(KIND, count, size, batch, 0, PUBLISHER_THREADS).get();
        context.client().awaitSettled(PORT, null, BenchContext.SETTLE_TIMEOUT);
        double rate = meter.finish(measurement, count);
        expectFiles(directory, count);
        measurement.latencies.addAll(FileDeliveries.latencies(directory));
        return rate;
    }

    /** Searches the sustainable rate from {@code firstRate}, then measures latency at half of it. */
    static void sustainable(BenchContext context, Path directory, double firstRate) throws Exception {
        int probes = context.options().quick() ? 3 : 7;
        RateSearch.Outcome outcome = new RateSearch(rate -> probe(context, directory, rate), probes).search(firstRate);
        Measurement found = context.measurement("FILE 1 KB sustainable rate (backlog flat)", "msg/s", 0);
        found.throughputs.add(outcome.sustainableRate());
        List<String> steps = new ArrayList<>();
        for (RateSearch.ProbeResult probe : outcome.probes()) {
            steps.add(Report.number(probe.offered()) + (probe.sustained() ? " flat" : String.format(Locale.ROOT,
                    " grew %s/s", Report.number(probe.backlogSlope()))));
        }
        found.note("probes of " + context.options().probeSeconds() + " s: " + String.join(", ", steps));
        double half = Math.max(1, Math.round(outcome.sustainableRate() / 2));
        int count = (int) (half * context.options().probeSeconds());
        Measurement latency = context.measurement("FILE 1 KB at half the sustainable rate", "msg/s offered", count);
        FileDeliveries.reset(directory);
        RunMeter meter = RunMeter.start(context);
        context.client().publishInServer(KIND, count, 1024, batchFor(half), half, PUBLISHER_THREADS).get();
        context.client().awaitSettled(PORT, null, BenchContext.SETTLE_TIMEOUT);
        meter.finish(latency, count);
        expectFiles(directory, count);
        latency.latencies.addAll(FileDeliveries.latencies(directory));
    }

    /**
     * The soak: the sustainable rate searched quickly, then half of it offered for {@code length}, the server's
     * resident memory and the backlog sampled every minute; both should stay flat, and their slopes are reported.
     * Delivered files are counted and removed every minute, so the output directory does not grow by millions of files;
     * a count that differs from the publications at the end (a message lost or delivered twice) fails the soak.
     */
    static void soak(BenchContext context, Path directory, Duration length) throws Exception {
        RateSearch.Outcome outcome = new RateSearch(rate -> probe(context, directory, rate), 5).search(2000);
        double half = Math.max(1, Math.round(outcome.sustainableRate() / 2));
        long count = Math.round(half * length.toSeconds());
        Measurement soak = context.measurement("Soak: " + length.toMinutes() + " min at half the sustainable rate",
                "msg/s offered", count);
        FileDeliveries.reset(directory);
        RunMeter meter = RunMeter.start(context);
        long start = System.nanoTime();
        CompletableFuture<JsonObject> publication = context.client().publishInServer(KIND, count, 1024, batchFor(half),
                half, PUBLISHER_THREADS);
        List<double[]> memory = new ArrayList<>();
        List<double[]> backlog = new ArrayList<>();
        long delivered = 0;
        while (!publication.isDone()) {
            double minutes = (System.nanoTime() - start) / 60e9;
            memory.add(new double[] {minutes, ProcessMetrics.rssBytes(context.server().pid()) / (1024.0 * 1024.0)});
            backlog.add(new double[] {minutes, context.client().backlog(PORT)});
            delivered += FileDeliveries.removeDelivered(directory);
            try {
                publication.get(1, TimeUnit.MINUTES);
            } catch (TimeoutException stillPublishing) {
                // the next sample
            }
        }
        context.client().awaitSettled(PORT, null, BenchContext.SETTLE_TIMEOUT);
        meter.finish(soak, count);
        delivered += FileDeliveries.removeDelivered(directory);
        if (delivered != count) {
            throw new IllegalStateException(directory + " received " + delivered + " files in the soak, expected " + count);
        }
        soak.note(String.format(Locale.ROOT, "%d samples, one a minute: resident memory %s MiB at the start, slope %s "
                        + "MiB/min; backlog slope %s messages/min; sustainable rate found %s msg/s", memory.size(),
                Report.number(memory.isEmpty() ? 0 : memory.get(0)[1]), Report.number(slope(memory)),
                Report.number(slope(backlog)), Report.number(outcome.sustainableRate())));
    }

    /** Least-squares slope of (x, y) samples. */
    private static double slope(List<double[]> samples) {
        double meanX = samples.stream().mapToDouble(s -> s[0]).average().orElse(0);
        double meanY = samples.stream().mapToDouble(s -> s[1]).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (double[] sample : samples) {
            covariance += (sample[0] - meanX) * (sample[1] - meanY);
            variance += (sample[0] - meanX) * (sample[0] - meanX);
        }
        return variance == 0 ? 0 : covariance / variance;
    }

    private static RateSearch.ProbeResult probe(BenchContext context, Path directory, double rate) throws Exception {
        FileDeliveries.reset(directory);
        long count = Math.round(rate * context.options().probeSeconds());
        long start = System.nanoTime();
        CompletableFuture<JsonObject> publication = context.client().publishInServer(KIND, count, 1024, batchFor(rate), rate,
                PUBLISHER_THREADS);
        List<double[]> backlog = new ArrayList<>();
        while (!publication.isDone()) {
            backlog.add(new double[] {(System.nanoTime() - start) / 1e9, context.client().backlog(PORT)});
            Thread.sleep(500);
        }
        double published = publication.get().getJsonNumber("published").longValue() / publication.get().getJsonNumber("seconds").doubleValue();
        context.client().awaitSettled(PORT, null, BenchContext.SETTLE_TIMEOUT);
        expectFiles(directory, count);
        return new RateSearch.ProbeResult(rate, published, backlog);
    }

    /** Batches of about 20 ms of load at a paced rate, between 1 and 100 messages. */
    private static int batchFor(double rate) {
        return (int) Math.max(1, Math.min(100, rate / 50));
    }

    /** 100 KB and 10 MB messages, batched so that one publication transaction holds about 1 to 10 MB. */
    static void sizes(BenchContext context, Path directory) throws Exception {
        record Size(String label, int bytes, int count, int batch) {
        }
        for (Size size : List.of(new Size("100 KB", 100 * 1024, context.options().count(2_000), 10),
                new Size("10 MB", 10 * 1024 * 1024, context.options().count(20), 1))) {
            Measurement measurement = context.measurement("FILE " + size.label() + " burst, end to end", "msg/s", size.count());
            for (int run = 0; run < context.options().runs(); run++) {
                burst(context, measurement, directory, size.count(), size.bytes(), size.batch());
            }
            measurement.note(Report.number(measurement.throughput().median() * size.bytes() / (1024 * 1024)) + " MiB/s");
        }
    }

    /**
     * One 1 GiB message published in-server as a generated stream and written by FILE, on a server with a 512 MB heap.
     * A failure is recorded with the measurement (it is a finding, not a harness error).
     */
    static void oneGigabyte(BenchContext context, Path directory) throws Exception {
        Measurement measurement = context.measurement("FILE one 1 GiB message (server heap 512 MB)", "MiB/s", 1);
        try {
            deliverOneGigabyte(context, directory, measurement);
        } catch (Exception e) {
            String refusal = String.valueOf(e.getMessage());
            if (refusal.contains("the most this MessageBox stores")) {
                measurement.note("refused, as designed: " + refusal.lines().findFirst().orElse(""));
                return;
            }
            String cause = context.server().firstLogLine("OutOfMemoryError")
                    .map(line -> line.substring(line.indexOf("OutOfMemoryError")).replaceAll("\\s+", " "))
                    .map(line -> "the server ran out of heap: " + line.substring(0, Math.min(120, line.length())))
                    .orElse(e.getMessage().lines().findFirst().orElse(""));
            measurement.note("FAILED: " + cause + " (see the server log)");
        }
    }

    private static void deliverOneGigabyte(BenchContext context, Path directory, Measurement measurement) throws Exception {
        long size = 1L << 30;
        FileDeliveries.reset(directory);
        RunMeter meter = RunMeter.start(context);
        JsonObject published = context.client().publishLargeInServer(KIND, size);
        context.client().awaitSettled(PORT, null, LARGE_MESSAGE_TIMEOUT);
        double seconds = meter.secondsSinceStart();
        meter.finish(measurement, 1024);
        expectFiles(directory, 1);
        try (var files = Files.list(directory)) {
            Path file = files.findFirst().orElseThrow();
            if (Files.size(file) != size) {
                throw new IllegalStateException("the 1 GiB message arrived with " + Files.size(file) + " bytes");
            }
        }
        measurement.note(String.format(Locale.ROOT, "stored in %s s, delivered and deleted after %s s; file size checked",
                Report.number(published.getJsonNumber("seconds").doubleValue()), Report.number(seconds)));
    }

    static void expectFiles(Path directory, long expected) throws Exception {
        long found = FileDeliveries.count(directory);
        if (found != expected) {
            throw new IllegalStateException(directory + " holds " + found + " files, expected " + expected);
        }
    }
}
