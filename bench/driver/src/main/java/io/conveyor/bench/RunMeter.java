package io.conveyor.bench;

/** Measures one run on the server: wall time from its start, CPU seconds used, peak resident memory. */
final class RunMeter {

    private final long pid;
    private final boolean postgresql;
    private final long startNanos;
    private final double cpuAtStart;
    private final double databaseCpuAtStart;

    private RunMeter(long pid, boolean postgresql) {
        this.pid = pid;
        this.postgresql = postgresql;
        ProcessMetrics.resetPeak(pid);
        this.cpuAtStart = ProcessMetrics.cpuSeconds(pid);
        this.databaseCpuAtStart = postgresql ? ProcessMetrics.cpuSecondsOf("postgres") : 0;
        this.startNanos = System.nanoTime();
    }

    static RunMeter start(BenchContext context) {
        return new RunMeter(context.server().pid(), context.config().database().equals("postgresql"));
    }

    double secondsSinceStart() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Records the run in {@code measurement}: {@code items} done over the time since the start. */
    double finish(Measurement measurement, long items) {
        double seconds = secondsSinceStart();
        double rate = items / seconds;
        measurement.throughputs.add(rate);
        measurement.cpuSeconds.add(ProcessMetrics.cpuSeconds(pid) - cpuAtStart);
        if (postgresql) {
            measurement.databaseCpuSeconds.add(ProcessMetrics.cpuSecondsOf("postgres") - databaseCpuAtStart);
        }
        measurement.peakRssBytes = Math.max(measurement.peakRssBytes, ProcessMetrics.peakRssBytes(pid));
        return rate;
    }
}
