package io.conveyor.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark harness's entry point (run it with {@code ./conveyor bench}, which provisions the servers first).
 * Starts WildFly with the EAR and the in-server load generator, drives each scenario from this JVM, and writes the
 * results to {@code docs/performance.md} and {@code docs/performance.json}. Configurations that are compared (FILE
 * blocking against batch-aware, tracking off against on) are alternated run by run, because this machine's speed drifts over an hour.
 */
public final class Bench {

    private static final List<String> MODES = List.of("BLOCKING", "NON_BLOCKING");
    /** Message tracking levels compared by {@code file-1k-tracking}: off, then the default. */
    private static final List<String> TRACKING_LEVELS = List.of("OFF", "EVENTS");
    private static final String HEAP = "1g";

    private final BenchOptions options;
    private final List<Measurement> results = new ArrayList<>();

    private Bench(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        ZonedDateTime started = ZonedDateTime.now();
        long start = System.nanoTime();
        Bench bench = new Bench(options);
        try {
            bench.run();
        } finally {
            Report.write(options, bench.results, started, Duration.ofNanos(System.nanoTime() - start));
            System.out.println("bench: results in " + options.results());
        }
    }

    private void run() throws Exception {
        if (options.wants("file-1k") || options.wants("file-1k-sustained")) {
            fileModes("h2", true);
        }
        if (options.wants("file-1k-unforced")) {
            fileModes("h2", false);
        }
        if (options.wants("file-1k-tracking")) {
            tracking("h2");
        }
        if (options.wants("publish") || options.wants("http-solicit-response") || options.wants("sql-transactional")
                || options.wants("file-sizes") || options.wants("failing-endpoint") || options.wants("backlog")) {
            withServer(new WildFlyServer.Config("h2", "NON_BLOCKING", HEAP), context -> {
                if (options.wants("publish")) {
                    PublishScenarios.publishing(context);
                }
                if (options.wants("http-solicit-response")) {
                    EndpointScenarios.httpSolicitResponse(context);
                }
                if (options.wants("sql-transactional")) {
                    EndpointScenarios.sqlTransactional(context);
                }
                if (options.wants("file-sizes")) {
                    FileScenarios.sizes(context, context.filePort(FileScenarios.PORT, FileScenarios.KIND));
                }
                if (options.wants("failing-endpoint")) {
                    EndpointScenarios.failingEndpoint(context);
                }
                if (options.wants("backlog")) {
                    PublishScenarios.backlog(context);
                }
            });
        }
        if (options.wants("file-1gb")) {
            for (String database : List.of("h2", "postgresql")) {
                withServer(new WildFlyServer.Config(database, "NON_BLOCKING", "512m"),
                        context -> FileScenarios.oneGigabyte(context, context.filePort(FileScenarios.PORT, FileScenarios.KIND)));
            }
        }
        if (options.wants("postgresql")) {
            fileModes("postgresql", true);
        }
        if (options.wants("soak")) {
            withServer(new WildFlyServer.Config("h2", "NON_BLOCKING", HEAP), context -> FileScenarios.soak(context,
                    context.filePort(FileScenarios.PORT, FileScenarios.KIND), options.quick() ? Duration.ofMinutes(3)
                            : Duration.ofHours(1)));
        }
    }

    /**
     * FILE 1 KB bursts, blocking single-message against non-blocking batch-aware, alternated run by run on freshly
     * started servers, with their ratio per run; then, on the last run of each mode, the sustainable rate. With
     * {@code forced} false, nothing is forced to disk (files, H2 commits): what the forces cost.
     */
    private void fileModes(String database, boolean forced) throws Exception {
        boolean bursting = forced ? options.wants("file-1k") : options.wants("file-1k-unforced");
        boolean sustaining = forced ? options.wants("file-1k-sustained") : options.wants("file-1k-unforced");
        int count = options.count(10_000);
        List<Measurement> bursts = new ArrayList<>();
        for (String mode : MODES) {
            bursts.add(new Measurement("FILE 1 KB burst, end to end",
                    new WildFlyServer.Config(database, mode, HEAP, forced).describe(), "msg/s", count));
        }
        if (bursting) {
            results.addAll(bursts);
        }
        Measurement ratio = new Measurement("FILE 1 KB: batch-aware ÷ blocking, same run",
                database + (forced ? "" : ", nothing forced to disk"), "×", count);
        for (int run = 0; run < options.runs(); run++) {
            double[] rates = new double[MODES.size()];
            boolean last = run == options.runs() - 1;
            for (int m = 0; m < MODES.size(); m++) {
                int mode = m;
                withServer(new WildFlyServer.Config(database, MODES.get(mode), HEAP, forced), context -> {
                    Path directory = context.filePort(FileScenarios.PORT, FileScenarios.KIND);
                    Measurement burst = bursts.get(mode);
                    if (bursting) {
                        rates[mode] = FileScenarios.burst(context, burst, directory, count, 1024, 100);
                    }
                    if (last && sustaining) {
                        double first = burst.throughputs.isEmpty() ? 500 : burst.throughput().median() * 0.8;
                        FileScenarios.sustainable(context, directory, Math.round(first / 10.0) * 10.0);
                    }
                });
            }
            if (rates[0] > 0) {
                ratio.throughputs.add(rates[1] / rates[0]);
            }
        }
        if (!ratio.throughputs.isEmpty()) {
            // X4: item of the conformance checklist in docs/send-adapter-contract.md (§10)
            results.add(ratio.note("contract X4 says about 3×"));
        }
    }

    /**
     * FILE 1 KB bursts (batch-aware) to a port whose message tracking is off, then to one tracked at the default
     * level, alternated run by run on freshly started servers, with their ratio per run: what tracking costs the hot
     * path.
     */
    private void tracking(String database) throws Exception {
        int count = options.count(10_000);
        WildFlyServer.Config config = new WildFlyServer.Config(database, "NON_BLOCKING", HEAP);
        List<Measurement> bursts = new ArrayList<>();
        for (String level : TRACKING_LEVELS) {
            bursts.add(new Measurement("FILE 1 KB burst, tracking " + level, config.describe(), "msg/s", count));
        }
        results.addAll(bursts);
        Measurement ratio = new Measurement("FILE 1 KB: tracking EVENTS ÷ OFF, same run", config.describe(), "×", count);
        for (int run = 0; run < options.runs(); run++) {
            double[] rates = new double[TRACKING_LEVELS.size()];
            for (int l = 0; l < TRACKING_LEVELS.size(); l++) {
                int level = l;
                withServer(config, context -> rates[level] = FileScenarios.burst(context, bursts.get(level),
                        context.filePort(FileScenarios.PORT, FileScenarios.KIND, TRACKING_LEVELS.get(level)), count, 1024, 100));
            }
            if (rates[0] > 0) {
                ratio.throughputs.add(rates[1] / rates[0]);
            }
        }
        if (!ratio.throughputs.isEmpty()) {
            results.add(ratio.note("issue 12 asks at least 0.85: tracking may cost at most 15 %"));
        }
    }

    private interface Scenario {
        void run(BenchContext context) throws Exception;
    }

    private void withServer(WildFlyServer.Config config, Scenario scenario) throws Exception {
        Path work = options.work();
        List<Path> deployments = List.of(options.ear(),
                options.repository().resolve("bench/load-generator/target/conveyor-bench-load.war"));
        try (WildFlyServer server = new WildFlyServer(work.resolve("wildfly-" + config.database()), deployments,
                options)) {
            System.out.println("bench: starting WildFly (" + config.describe() + ")");
            server.start(config);
            if (options.profile()) {
                jcmd(server.pid(), "JFR.start", "name=bench", "settings=profile");
            }
            try {
                scenario.run(new BenchContext(options, server, config, new ConveyorClient(server.baseUrl(), server.apiAuthorization()), results));
            } finally {
                if (options.profile()) {
                    Path recording = work.resolve("profile-" + config.database() + "-" + config.fileMode() + "-"
                            + System.currentTimeMillis() + ".jfr");
                    jcmd(server.pid(), "JFR.dump", "name=bench", "filename=" + recording);
                    System.out.println("bench: flight recording " + recording);
                }
            }
        }
    }

    private static void jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
        }
    }
}
