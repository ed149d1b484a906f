package io.conveyor.http;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The adapter's own directory for response bodies too large to keep in memory ({@code conveyor-http} under the
 * server's temporary directory). Each file lives until the outcome batch that publishes its response is settled;
 * files left by a run that ended before that (a crash, a terminate that gave up waiting) are deleted when the adapter
 * initialises. The engine runs one HTTP adapter per server, so nothing else uses the directory meanwhile.
 */
final class ResponseSpool {

    private static final String PREFIX = "response-";
    private static final String SUFFIX = ".body";

    private final Path directory;

    ResponseSpool(Path directory) {
        this.directory = directory;
    }

    /** {@code conveyor-http} under WildFly's {@code jboss.server.temp.dir}, else under {@code java.io.tmpdir}. */
    static Path defaultDirectory() {
        return Path.of(System.getProperty("jboss.server.temp.dir", System.getProperty("java.io.tmpdir")), "conveyor-http");
    }

    /** Creates the directory if needed and deletes the response files a previous run left in it. */
    void clearLeftovers() throws IOException {
        Files.createDirectories(directory);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** A new, empty file for one response body (readable by the server's user only, on POSIX systems). */
    Path newFile() throws IOException {
        return Files.createTempFile(directory, PREFIX, SUFFIX);
    }
}
