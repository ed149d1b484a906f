package io.conveyor.file;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes the temporary files ({@link TemporaryFileName}) that a crash left in the target directories: a write
 * interrupted before its temporary file was moved into place leaves it behind, and nothing else ever removes it.
 *
 * <p>An adapter starts one when it is initialised. It walks the allowed roots as a work on the connector's
 * WorkManager, so a large tree does not hold up initialisation, and it never fails: what it cannot search or remove
 * goes to the problem handler (the transport proxy's error info). Only files last modified before the adapter
 * started (by more than {@link #TIMESTAMP_MARGIN}) are removed, since a later one may belong to a delivery in
 * progress. A root that is a symbolic link is searched; links below a root are not followed.
 */
final class OrphanedTemporaryFileCleaner implements Work {

    /**
     * How much older than the adapter's start a file must look. File systems stamp times from a coarser clock than
     * the JVM's (FAT to 2 s), so a file written just after the start may carry a time slightly before it.
     */
    private static final Duration TIMESTAMP_MARGIN = Duration.ofSeconds(2);

    private static final Logger LOG = Logger.getLogger(OrphanedTemporaryFileCleaner.class.getName());

    private final List<Path> roots;
    private final Instant modifiedBefore;
    private final Consumer<Throwable> problemHandler;
    private volatile boolean released;

    OrphanedTemporaryFileCleaner(List<Path> roots, Instant adapterStartedAt, Consumer<Throwable> problemHandler) {
        this.roots = List.copyOf(roots);
        this.modifiedBefore = adapterStartedAt.minus(TIMESTAMP_MARGIN);
        this.problemHandler = problemHandler;
    }

    /** Queues the search on the WorkManager and returns at once; a refusal goes to the problem handler. */
    void startOn(WorkManager workManager) {
        try {
            workManager.scheduleWork(this);
        } catch (WorkException | RuntimeException e) {
            problemHandler.accept(new IllegalStateException("orphaned temporary files under " + roots
                    + " were not looked for: the WorkManager refused the work", e));
        }
    }

    @Override
    public void run() {
        try {
            removeOrphans();
        } catch (RuntimeException e) {
            problemHandler.accept(new IllegalStateException("the search for orphaned temporary files under " + roots
                    + " failed", e));
        }
    }

    /** Asked by the WorkManager (at shutdown, say) to finish quickly: the search stops where it is. */
    @Override
    public void release() {
        released = true;
    }

    /** Searches every root and removes the orphans found; returns how many were removed. */
    int removeOrphans() {
        Search search = new Search();
        for (Path root : roots) {
            search.walk(root);
        }
        Level level = search.removed > 0 ? Level.INFO : Level.FINE;
        LOG.log(level, "removed {0} orphaned temporary file(s) under {1}{2}",
                new Object[] {search.removed, roots, released ? " before the search was stopped" : ""});
        if (!search.problems.isEmpty()) {
            IOException first = search.problems.get(0);
            problemHandler.accept(new IOException(search.problems.size() + " place(s) under " + roots
                    + " could not be searched or cleaned of orphaned temporary files; the first: " + first,
                    first));
        }
        return search.removed;
    }

    /** One walk over the roots, counting what it removed and collecting what went wrong. */
    private final class Search extends SimpleFileVisitor<Path> {
        private final List<IOException> problems = new ArrayList<>();
        private int removed;

        void walk(Path root) {
            if (released) {
                return;
            }
            try {
                Files.walkFileTree(root.toRealPath(), this);
            } catch (NoSuchFileException e) {
                LOG.log(Level.FINE, "allowed root {0} does not exist yet: no orphaned temporary files there", root);
            } catch (IOException e) {
                problems.add(e);
            }
        }

        @Override
        public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
            return released ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile() && TemporaryFileName.matches(file)
                    && attributes.lastModifiedTime().toInstant().isBefore(modifiedBefore)) {
                try {
                    if (Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (IOException e) {
                    problems.add(e);
                }
            }
            return released ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!(e instanceof NoSuchFileException)) {
                problems.add(e);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException e) {
            if (e != null) {
                problems.add(e);
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
