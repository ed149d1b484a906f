package io.conveyor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A WildFly provisioned for Conveyor (by {@code ./conveyor bench}) that the harness starts and stops: every start
 * begins from an empty MessageBox (the server's data directory is wiped; on PostgreSQL the schema is dropped), with
 * the EAR and the load generator deployed, at port offset {@value #PORT_OFFSET} so it runs beside {@code ./conveyor start}.
 */
final class WildFlyServer implements AutoCloseable {

    static final int PORT_OFFSET = 300;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    /**
     * A server configuration.
     *
     * @param forced whether files and (on H2) publications are forced to disk, as shipped; {@code false} measures
     *               what the forces cost
     */
    record Config(String database, String fileMode, String heap, boolean forced) {
        Config(String database, String fileMode, String heap) {
            this(database, fileMode, heap, true);
        }

        String describe() {
            return database + ", FILE " + fileMode + (forced ? "" : ", nothing forced to disk") + ", heap " + heap;
        }
    }

    /** The REST API user the harness acts as (administrator and publisher), with a password new to every harness run. */
    static final String API_USER = "bench";

    private final Path home;
    private final List<Path> deployments;
    private final BenchOptions options;
    private final String apiPassword = UUID.randomUUID().toString();
    private Process launcher;
    private long pid;
    private Path log;
    private long logOffset;

    WildFlyServer(Path home, List<Path> deployments, BenchOptions options) {
        this.home = home;
        this.deployments = deployments;
        this.options = options;
    }

    /** The {@code Authorization} header value of the harness's REST API user. */
    String apiAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((API_USER + ":" + apiPassword).getBytes(StandardCharsets.UTF_8));
    }

    /** Adds (or updates) the harness's user in the server's application realm, with WildFly's own tool. */
    private void addApiUser() throws IOException, InterruptedException {
        Process addUser = new ProcessBuilder(home.resolve("bin/add-user.sh").toString(), "-a", "-s", "-u", API_USER,
                "-p", apiPassword, "-g", "conveyor-admin,conveyor-publisher").redirectErrorStream(true).start();
        String output = new String(addUser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (addUser.waitFor() != 0) {
            throw new IllegalStateException("add-user.sh failed: " + output);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + (8080 + PORT_OFFSET);
    }

    long pid() {
        return pid;
    }

    void start(Config config) throws Exception {
        Path standalone = home.resolve("standalone");
        for (String directory : List.of("data", "tmp", "log")) {
            deleteTree(standalone.resolve(directory));
        }
        Path deployed = standalone.resolve("deployments");
        try (Stream<Path> old = Files.list(deployed)) {
            for (Path file : old.filter(f -> !f.getFileName().toString().equals("README.txt")).toList()) {
                Files.delete(file);
            }
        }
        for (Path deployment : deployments) {
            Files.copy(deployment, deployed.resolve(deployment.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        if (config.database().equals("postgresql")) {
            emptyPostgresql();
        }
        addApiUser();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.socket.binding.port-offset=" + PORT_OFFSET, "-Dconveyor.file.mode=" + config.fileMode(),
                "-Dconveyor.file.allowedRoots=" + options.outputRoot(), "-Dconveyor.file.forceToDisk=" + config.forced(),
                "-Dconveyor.messagebox.forceCommits=" + config.forced()));
        if (config.database().equals("postgresql")) {
            command.add("-Dconveyor.messagebox.driver=postgresql");
            command.add("-Dconveyor.messagebox.url=" + options.pgUrl());
            command.add("-Dconveyor.messagebox.user=" + options.pgUser());
            command.add("-Dconveyor.messagebox.password=" + options.pgPassword());
        }
        log = options.work().resolve("server-" + config.database() + ".log");
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JBOSS_JAVA_SIZING", "-Xms" + config.heap() + " -Xmx" + config.heap()
                + (options.profile() ? " -XX:FlightRecorderOptions=stackdepth=256" : ""));
        builder.environment().remove("JAVA_OPTS");
        launcher = builder.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (Path deployment : deployments) {
            Path done = deployed.resolve(deployment.getFileName() + ".deployed");
            Path failed = deployed.resolve(deployment.getFileName() + ".failed");
            while (!Files.exists(done)) {
                if (Files.exists(failed)) {
                    throw new IllegalStateException(deployment.getFileName() + " failed to deploy: " + Files.readString(failed));
                }
                if (!launcher.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("WildFly did not deploy " + deployment.getFileName() + "; see "
                            + options.work().resolve("server-" + config.database() + ".log"));
                }
                Thread.sleep(200);
            }
        }
        pid = launcher.toHandle().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no WildFly JVM under " + launcher.pid())).pid();
    }

    /** The first line this server has logged since it started that contains {@code text}, if any. */
    java.util.Optional<String> firstLogLine(String text) throws IOException {
        try (Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            long[] seen = {0};
            return lines.filter(line -> (seen[0] += line.length() + 1) > logOffset).filter(line -> line.contains(text))
                    .findFirst().map(String::strip);
        }
    }

    void stop() throws Exception {
        if (launcher == null) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        if (!launcher.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly().waitFor();
        }
        launcher = null;
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    private void emptyPostgresql() throws SQLException {
        try (Connection connection = DriverManager.getConnection(options.pgUrl(), options.pgUser(), options.pgPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists public cascade");
            statement.execute("create schema public");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
