package io.conveyor.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The wall clock in microseconds, and the publication stamp the load generator puts on each body's first line. */
final class BenchClock {

    private BenchClock() {
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** The stamp at the start of a body, or -1 when it has none. */
    static long stampOf(byte[] head) {
        String text = new String(head, StandardCharsets.US_ASCII);
        int end = text.indexOf('\n');
        if (end <= 0) {
            return -1;
        }
        try {
            return Long.parseLong(text.substring(0, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
