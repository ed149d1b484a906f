package io.conveyor.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The harness's command line: {@code --scenarios a,b} (default: all), {@code --runs n} (default 3), {@code --probe
 * seconds} (length of one sustainable-rate probe, default 10), {@code --quick} (a smoke run: small counts, one run,
 * short probes; its figures are not for publishing), {@code --profile} (a JFR recording of each server, saved under
 * {@code target/bench}), {@code --results <file.md>}, {@code --ear <conveyor.ear>} (another build, to compare
 * against: its MessageBox schema is created afresh like any other). PostgreSQL settings come from
 * {@code CONVEYOR_PG_URL}, {@code CONVEYOR_PG_USER}, {@code CONVEYOR_PG_PASSWORD}.
 */
record BenchOptions(Set<String> scenarios, int runs, int probeSeconds, boolean quick, boolean profile, Path repository, Path work,
                    Path outputRoot, Path results, Path ear, String pgUrl, String pgUser, String pgPassword, String command) {

    /** What a run without {@code --scenarios} runs (about 25 minutes). */
    static final Set<String> ALL = new LinkedHashSet<>(Arrays.asList("file-1k", "file-1k-sustained", "file-1k-unforced",
            "file-1k-tracking", "publish", "http-solicit-response", "sql-transactional", "file-sizes", "failing-endpoint", "backlog",
            "file-1gb", "postgresql"));
    /** Scenarios run only when named: the soak (an hour). */
    static final Set<String> ON_REQUEST = Set.of("soak");

    static BenchOptions parse(String[] args) {
        Set<String> scenarios = new LinkedHashSet<>(ALL);
        int runs = 3;
        int probe = 10;
        boolean quick = false;
        boolean profile = false;
        Path repository = Path.of("").toAbsolutePath();
        Path results = repository.resolve("docs/performance.md");
        Path ear = repository.resolve("ear/target/conveyor.ear");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenarios" -> {
                    scenarios = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                    for (String scenario : scenarios) {
                        if (!ALL.contains(scenario) && !ON_REQUEST.contains(scenario)) {
                            throw new IllegalArgumentException("--scenarios: unknown scenario '" + scenario + "'; known: "
                                    + ALL + " and " + ON_REQUEST);
                        }
                    }
                }
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--probe" -> probe = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--profile" -> profile = true;
                case "--results" -> results = Path.of(args[++i]).toAbsolutePath();
                case "--ear" -> ear = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--scenarios a,b] [--runs n] [--probe seconds] [--quick] [--profile] [--results file.md] [--ear conveyor.ear]");
            }
        }
        if (!ear.getFileName().toString().equals("conveyor.ear")) {
            throw new IllegalArgumentException("--ear " + ear + ": the file must be named conveyor.ear, the deployment "
                    + "the load generator depends on (put each build in a directory of its own)");
        }
        if (quick) {
            runs = 1;
            probe = Math.min(probe, 5);
        }
        String env = System.getenv().getOrDefault("CONVEYOR_PG_URL", "jdbc:postgresql://127.0.0.1:5432/conveyor_bench");
        return new BenchOptions(scenarios, runs, probe, quick, profile, repository, repository.resolve("target/bench"),
                Path.of("/tmp/conveyor/bench"), results, ear, env, System.getenv().getOrDefault("CONVEYOR_PG_USER", "conveyor"),
                System.getenv().getOrDefault("CONVEYOR_PG_PASSWORD", "conveyor"),
                "./conveyor bench" + (args.length == 0 ? "" : " " + String.join(" ", args)));
    }

    /** A message count scaled down for quick runs. */
    int count(int full) {
        return quick ? Math.max(1, full / 10) : full;
    }

    boolean wants(String scenario) {
        return scenarios.contains(scenario);
    }
}
