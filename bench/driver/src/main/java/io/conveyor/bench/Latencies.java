package io.conveyor.bench;

import java.util.Arrays;

/** Publish-to-delivery latencies of one measurement, in microseconds, and their percentiles. */
final class Latencies {

    private long[] values = new long[1024];
    private int count;

    synchronized void add(long micros) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = micros;
    }

    synchronized void addAll(Latencies other) {
        long[] theirs = other.sorted();
        for (long value : theirs) {
            add(value);
        }
    }

    synchronized int count() {
        return count;
    }

    /** The {@code percent}-th percentile in milliseconds (nearest rank), or NaN without samples. */
    double percentileMillis(double percent) {
        long[] sorted = sorted();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }

    double maxMillis() {
        long[] sorted = sorted();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0;
    }

    private synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(values, count);
        Arrays.sort(copy);
        return copy;
    }
}
