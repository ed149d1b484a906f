package io.conveyor.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An allowed root as configured and its real path, resolved once when the configuration is loaded, so that a root
 * configured through a symbolic link keeps working: writes go to, and are checked against, the real path.
 *
 * @param configured the root as configured (absolute, normalised); addresses are checked against it
 * @param real       its real path; if the root does not exist yet, the real path of its deepest existing ancestor
 *                   followed by the missing segments
 */
record AllowedRoot(Path configured, Path real) {

    /** Resolves a configured root to its real path (what exists of it). */
    static AllowedRoot resolve(Path configured) throws IOException {
        Path existing = configured;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        return new AllowedRoot(configured, existing.toRealPath().resolve(existing.relativize(configured)));
    }

    @Override
    public String toString() {
        return configured.equals(real) ? configured.toString() : configured + " (real path " + real + ")";
    }
}
