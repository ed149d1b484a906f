package io.conveyor.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the results: a scenario in one server configuration, its throughput over several runs, the latencies
 * pooled over those runs, the server's CPU seconds (median per run) and peak resident memory (highest of the runs).
 */
final class Measurement {

    final String scenario;
    final String configuration;
    final String unit;
    final long messagesPerRun;
    final List<Double> throughputs = new ArrayList<>();
    final List<Double> cpuSeconds = new ArrayList<>();
    final List<Double> databaseCpuSeconds = new ArrayList<>();
    final Latencies latencies = new Latencies();
    long peakRssBytes;
    String note = "";

    Measurement(String scenario, String configuration, String unit, long messagesPerRun) {
        this.scenario = scenario;
        this.configuration = configuration;
        this.unit = unit;
        this.messagesPerRun = messagesPerRun;
    }

    Spread throughput() {
        return Spread.of(throughputs);
    }

    Measurement note(String text) {
        note = note.isEmpty() ? text : note + "; " + text;
        return this;
    }
}
