package io.conveyor.http;

import io.conveyor.adapter.MessagePart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole response body, received for a two-way port's response message: in memory when small, else in a file of the
 * {@link ResponseSpool}. Its {@link #content()} can be read any number of times, as the engine may (a failed proxy
 * batch is issued again), until {@link #delete()}, which is called once the outcome batch that carries it is settled.
 */
final class SpooledBody implements ResponseBody {

    private final byte[] memory;
    private final Path file;

    private SpooledBody(byte[] memory, Path file) {
        this.memory = memory;
        this.file = file;
    }

    static SpooledBody inMemory(byte[] bytes) {
        return new SpooledBody(bytes, null);
    }

    static SpooledBody inFile(Path file) {
        return new SpooledBody(null, file);
    }

    /** The body as re-readable content for a message part. */
    MessagePart.Content content() {
        return () -> file == null ? new ByteArrayInputStream(memory) : Files.newInputStream(file);
    }

    /** Deletes the file, if the body has one. */
    void delete() {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the spooled response " + file
                    + "; it is deleted when the adapter next initialises", e);
        }
    }
}
