package io.conveyor.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a body to its target so that a reader never sees a partial file: the data goes to a hidden temporary
 * file in the same directory, is forced to disk, and is then renamed into place; the directory entry is forced
 * too. With {@code forceToDisk} off both forces are skipped (faster; a power cut may lose recent files).
 */
final class AtomicFileWriter {

    private static final int BUFFER_SIZE = 64 * 1024;
    /** Characters of the target's name kept in the temporary file's name, so the latter stays under NAME_MAX. */
    private static final int TEMPORARY_NAME_PREFIX = 32;
    /** Appends to one file are serialised across the JVM, so concurrent bodies never interleave (striped by path). */
    private static final Object[] APPEND_LOCKS = new Object[64];

    static {
        for (int i = 0; i < APPEND_LOCKS.length; i++) {
            APPEND_LOCKS[i] = new Object();
        }
    }

    private final boolean forceToDisk;

    AtomicFileWriter(boolean forceToDisk) {
        this.forceToDisk = forceToDisk;
    }

    /**
     * Writes the data to the target.
     *
     * @throws FileAlreadyExistsException in {@link CopyMode#CREATE_NEW} when the target exists (nothing is written)
     * @throws IOException                on any other failure; no temporary file is left behind
     */
    void write(Path target, InputStream data, CopyMode mode) throws IOException {
        Path directory = target.getParent();
        Path firstCreated = null;
        for (Path ancestor = directory; ancestor != null && !Files.isDirectory(ancestor); ancestor = ancestor.getParent()) {
            firstCreated = ancestor;
        }
        Files.createDirectories(directory);
        if (mode == CopyMode.APPEND) {
            synchronized (APPEND_LOCKS[Math.floorMod(target.hashCode(), APPEND_LOCKS.length)]) {
                append(target, data);
            }
        } else {
            String name = target.getFileName().toString();
            String prefix = name.codePoints().limit(TEMPORARY_NAME_PREFIX)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            Path temporary = directory.resolve("." + prefix + "." + UUID.randomUUID() + ".tmp");
            try {
                writeNew(temporary, data);
                if (mode == CopyMode.CREATE_NEW) {
                    Files.createLink(target, temporary);
                } else {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        forceDirectory(directory);
        // a directory made here is durable only once the entry in its parent is forced too
        for (Path created = directory; firstCreated != null && created.startsWith(firstCreated); created = created.getParent()) {
            forceDirectory(created.getParent());
        }
    }

    private void writeNew(Path file, InputStream data) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            copy(data, channel);
        }
    }

    private void append(Path file, InputStream data) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            copy(data, channel);
        }
    }

    private void copy(InputStream data, FileChannel channel) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int read = data.read(buffer); read >= 0; read = data.read(buffer)) {
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
        }
        if (forceToDisk) {
            channel.force(true);
        }
    }

    private void forceDirectory(Path directory) throws IOException {
        if (forceToDisk) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }
}
