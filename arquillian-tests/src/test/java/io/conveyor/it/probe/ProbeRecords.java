package io.conveyor.it.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What probe adapters did while the application stopped, written to {@code <server data dir>/probe-records/<TYPE>.log}
 * (the in-memory {@link ProbeState} is gone with the deployment), for tests that undeploy the application.
 */
public final class ProbeRecords {

    private ProbeRecords() {
    }

    static void append(String transportType, String line) {
        Path file = file(Path.of(System.getProperty("jboss.server.data.dir")), transportType);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines recorded for a probe type under a server's data directory; none if it recorded nothing. */
    public static List<String> read(Path dataDirectory, String transportType) throws IOException {
        Path file = file(dataDirectory, transportType);
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static Path file(Path dataDirectory, String transportType) {
        return dataDirectory.resolve("probe-records").resolve(transportType + ".log");
    }
}
