package io.conveyor.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The target directories of one pass over a batch, each opened under its allowed root ({@link AllowedDirectory}) the
 * first time a file of the pass needs it and held until the pass ends: a batch of files in one directory walks the
 * path from {@code /} once per pass, not once per file. A directory that could not be opened is not remembered, so
 * each file in it gets the refusal.
 */
final class OpenDirectories implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OpenDirectories.class.getName());

    private final List<AllowedRoot> roots;
    private final boolean create;
    private final Map<Path, AllowedDirectory> open = new HashMap<>();

    /** @param create whether missing directories are made (staging) or not (placing) */
    OpenDirectories(List<AllowedRoot> roots, boolean create) {
        this.roots = roots;
        this.create = create;
    }

    /** The directory as addressed, opened now or earlier in this pass. */
    AllowedDirectory get(Path directory) throws IOException {
        AllowedDirectory opened = open.get(directory);
        if (opened == null) {
            opened = AllowedDirectory.open(directory, roots, create);
            open.put(directory, opened);
        }
        return opened;
    }

    /** Closes every directory held; a directory that fails to close changes nothing written, so it is only logged. */
    @Override
    public void close() {
        for (AllowedDirectory directory : open.values()) {
            try {
                directory.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "could not close the directory " + directory.realPath(), e);
            }
        }
        open.clear();
    }
}
