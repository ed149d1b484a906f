package io.conveyor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * How far file modification times lag the wall clock on this machine. Linux stamps files from the kernel's coarse
 * clock, which advances once a timer tick; measured here it reads 3.7 to 7.5 ms behind the wall clock while the
 * machine is busy (and close to 0 right after a core wakes from idle). A FILE latency taken from raw mtimes would
 * read that much low, even below zero. The lag is measured as it is during a run, with a core kept busy: probe files
 * are written at spread-out moments, each mtime compared with the wall clock read just before its write, and the
 * median is added back to every mtime. What remains is an uncertainty of about ±2 ms, stated in
 * docs/performance.md.
 */
final class CoarseFileClock {

    private static final int PROBES = 301;

    private CoarseFileClock() {
    }

    /** The median of (wall clock before a write − the written file's mtime) on a busy machine, in microseconds. */
    static long lagMicros(Path directory) throws IOException {
        long[] lags = new long[PROBES];
        Path probe = Files.createTempFile(directory.getParent(), "mtime-probe", ".tmp");
        AtomicBoolean probing = new AtomicBoolean(true);
        Thread busyCore = new Thread(() -> {
            while (probing.get()) {
                Thread.onSpinWait();
            }
        }, "mtime-probe-load");
        busyCore.setDaemon(true);
        busyCore.start();
        try {
            for (int i = 0; i < PROBES; i++) {
                long before = BenchClock.nowMicros();
                Files.writeString(probe, Long.toString(before));
                lags[i] = before - Files.getLastModifiedTime(probe).to(TimeUnit.MICROSECONDS);
                pauseOffTick(i);
            }
        } finally {
            probing.set(false);
            Files.deleteIfExists(probe);
        }
        Arrays.sort(lags);
        return Math.max(0, lags[PROBES / 2]);
    }

    /** Spreads the probes over the tick, as the adapter's writes are: a pause of 0 to 9.9 ms, different each time. */
    private static void pauseOffTick(int probe) {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(probe * 37 % 100 * 100L));
    }
}
