package io.conveyor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The FILE scenarios' output directory: emptied between runs, then read for publish-to-write latencies. */
final class FileDeliveries {

    private FileDeliveries() {
    }

    /**
     * Empties {@code directory}, then syncs and (as root) drops the page cache: on this machine's ext4, creating many
     * files right after deleting many stalls, which would slow the next run (see docs/performance.md).
     */
    static void reset(Path directory) throws IOException, InterruptedException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
        new ProcessBuilder("sync").inheritIO().start().waitFor(5, TimeUnit.MINUTES);
        Path dropCaches = Path.of("/proc/sys/vm/drop_caches");
        if (Files.isWritable(dropCaches)) {
            Files.writeString(dropCaches, "3");
        }
    }

    /**
     * Removes the files delivered so far while the adapter goes on writing: only visible files, which are complete
     * (the adapter stages each body in a hidden temporary file and moves it into place), never the directory.
     *
     * @return how many files it removed
     */
    static long removeDelivered(Path directory) throws IOException {
        long removed = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().startsWith(".")) {
                    Files.delete(file);
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Each file's latency: its last-modified time (when the adapter wrote it), corrected by {@link CoarseFileClock},
     * minus the stamp in its first line.
     */
    static Latencies latencies(Path directory) throws IOException {
        long lagMicros = CoarseFileClock.lagMicros(directory);
        Latencies latencies = new Latencies();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                long written = attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS) + lagMicros;
                try (InputStream in = Files.newInputStream(file)) {
                    long stamp = BenchClock.stampOf(in.readNBytes(24));
                    if (stamp > 0) {
                        latencies.add(written - stamp);
                    }
                }
            }
        }
        return latencies;
    }

    static long count(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }
}
