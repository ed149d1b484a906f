package io.conveyor.file;

import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names the hidden temporary file {@link AtomicFileWriter} writes next to its target before moving it into place,
 * {@code .<first 32 code points of the target's name>.<random UUID>.tmp}, and recognises such names. Both live
 * here so that what is looked for after a crash is exactly what was written: a user's own {@code .notes.tmp} never
 * matches.
 */
final class TemporaryFileName {

    /** Code points of the target's name kept, so that the temporary name stays under NAME_MAX too. */
    private static final int TARGET_NAME_PREFIX = 32;
    private static final Pattern NAME = Pattern.compile("\\..{1," + TARGET_NAME_PREFIX + "}"
            + "\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp", Pattern.DOTALL);

    private TemporaryFileName() {
    }

    /** A new, unique temporary file for the target, in the target's directory. */
    static Path next(Path target) {
        String prefix = target.getFileName().toString().codePoints().limit(TARGET_NAME_PREFIX)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return target.resolveSibling("." + prefix + "." + UUID.randomUUID() + ".tmp");
    }

    /** Whether the file's name is one {@link #next} makes. */
    static boolean matches(Path file) {
        return NAME.matcher(file.getFileName().toString()).matches();
    }
}
