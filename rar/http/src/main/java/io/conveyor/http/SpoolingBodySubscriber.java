package io.conveyor.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Receives a two-way port's answer whole, for the response message, without holding a large one in memory: up to
 * {@value #MEMORY_CHUNK} bytes stay in memory; past that, everything goes to a file of the {@link ResponseSpool},
 * written as it arrives, from which the engine later streams the response into the MessageBox. A body over
 * {@code maxResponseBytes}, or one still arriving when the deadline passes, fails the exchange, and its file is
 * deleted at once.
 */
final class SpoolingBodySubscriber extends LimitedBodySubscriber {

    /** The most bytes of a response kept in memory. */
    static final int MEMORY_CHUNK = 256 * 1024;

    private final ResponseSpool spool;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private FileChannel channel;

    SpoolingBodySubscriber(long maxBytes, ResponseSpool spool) {
        super(maxBytes);
        this.spool = spool;
    }

    @Override
    protected void accept(ByteBuffer buffer) throws IOException {
        if (channel == null && memory.size() + buffer.remaining() <= MEMORY_CHUNK) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            memory.write(bytes, 0, bytes.length);
            return;
        }
        if (channel == null) {
            file = spool.newFile();
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            memory.writeTo(Channels.newOutputStream(channel));
            memory = null;
        }
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    protected ResponseBody complete() throws IOException {
        if (channel == null) {
            return SpooledBody.inMemory(memory.toByteArray());
        }
        channel.close();
        return SpooledBody.inFile(file);
    }

    @Override
    protected ResponseBody truncated(IOException reason) throws IOException {
        try {
            release();
        } catch (IOException e) {
            reason.addSuppressed(e);
        }
        throw reason;
    }

    @Override
    protected void release() throws IOException {
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
