package io.conveyor.file;

import io.conveyor.adapter.PropertyBag;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The FILE adapter's handler configuration, validated (see the connector README for the property table).
 *
 * @param allowedRoots directories under which every target file must lie, each with its real path resolved when the
 *                     configuration was loaded
 * @param mode         blocking single-message or non-blocking batch-aware
 * @param batchSize    most messages per engine batch in non-blocking mode
 * @param forceToDisk  whether each file and its directory entry reach the disk before success is reported
 */
public record FileHandlerSettings(List<AllowedRoot> allowedRoots, SendMode mode, int batchSize, boolean forceToDisk) {

    // The handler properties' defaults, written only here: the resource adapter's @ConfigProperty annotations, its
    // fields and from() all use these (a build test checks the README and conveyor.cli against the annotations).
    public static final String DEFAULT_MODE = "NON_BLOCKING";
    public static final String DEFAULT_BATCH_SIZE = "20";
    public static final String DEFAULT_FORCE_TO_DISK = "true";

    /**
     * Reads and checks the handler properties.
     *
     * @throws IllegalArgumentException naming the property at fault
     */
    public static FileHandlerSettings from(PropertyBag config) {
        return new FileHandlerSettings(
                resolve(parseRoots(config.readString("allowedRoots", ""))),
                parseMode(config.readString("mode", DEFAULT_MODE)),
                parseBatchSize(config),
                parseForceToDisk(config.readString("forceToDisk", DEFAULT_FORCE_TO_DISK)));
    }

    static List<Path> parseRoots(String text) {
        List<Path> roots = new ArrayList<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                Path root = Path.of(trimmed);
                if (!root.isAbsolute()) {
                    throw new IllegalArgumentException("allowedRoots: '" + trimmed + "' is not an absolute path");
                }
                roots.add(root.normalize());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("allowedRoots: '" + trimmed + "' is not a path: " + e.getReason(), e);
            }
        }
        return List.copyOf(roots);
    }

    /** The roots as configured, for checking an address. */
    public List<Path> configuredRoots() {
        return allowedRoots.stream().map(AllowedRoot::configured).toList();
    }

    private static List<AllowedRoot> resolve(List<Path> roots) {
        List<AllowedRoot> resolved = new ArrayList<>();
        for (Path root : roots) {
            try {
                resolved.add(AllowedRoot.resolve(root));
            } catch (IOException e) {
                throw new IllegalArgumentException("allowedRoots: the real path of '" + root + "' cannot be resolved: "
                        + e, e);
            }
        }
        return List.copyOf(resolved);
    }

    private static SendMode parseMode(String text) {
        try {
            return SendMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode: '" + text + "' is not one of BLOCKING, NON_BLOCKING", e);
        }
    }

    private static int parseBatchSize(PropertyBag config) {
        int size;
        try {
            size = config.readInt("batchSize", Integer.parseInt(DEFAULT_BATCH_SIZE));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("batchSize: '" + config.read("batchSize") + "' is not an integer", e);
        }
        if (size < 1 || size > 1000) {
            throw new IllegalArgumentException("batchSize: " + size + " is not between 1 and 1000");
        }
        return size;
    }

    private static boolean parseForceToDisk(String text) {
        String value = text.trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("forceToDisk: '" + text + "' is not true or false");
        }
        return Boolean.parseBoolean(value);
    }
}
