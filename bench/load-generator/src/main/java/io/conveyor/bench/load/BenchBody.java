package io.conveyor.bench.load;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Bodies the benchmark publishes: the first line is the publication time in microseconds since the epoch, so
 * whoever receives a message (a file, the loopback partner, the target table) can tell its publish-to-delivery
 * latency; the rest is filler up to the requested size.
 */
final class BenchBody {

    private BenchBody() {
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** A body of exactly {@code size} bytes (at least the stamp line) stamped with {@code micros}. */
    static byte[] of(long micros, int size) {
        byte[] stamp = (micros + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[Math.max(size, stamp.length)];
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(stamp, 0, body, 0, stamp.length);
        return body;
    }

    /** A body of {@code size} bytes made as it is read, so a huge one never sits in memory. */
    static InputStream streamOf(long micros, long size) {
        byte[] stamp = (micros + "\n").getBytes(StandardCharsets.US_ASCII);
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                return position < stamp.length ? stamp[(int) position++] : bump();
            }

            private int bump() {
                position++;
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int count = (int) Math.min(length, size - position);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = position + i < stamp.length ? stamp[(int) (position + i)] : (byte) 'x';
                }
                position += count;
                return count;
            }
        };
    }
}
