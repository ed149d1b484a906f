package io.conveyor.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the sustainable rate: the highest offered rate at which the backlog stays flat. Each probe offers a rate for
 * a fixed time; it is sustained when the publisher managed to offer it (at least 95 %), the backlog grew by less than
 * 2 % of the rate per second over the probe's second half, and what was left at the end is under two seconds' worth.
 * The search goes up by half from a sustained rate and halves the gap from an unsustained one.
 */
final class RateSearch {

    /** Offers {@code rate} messages per second for the probe's duration and reports what happened. */
    interface Probe {
        ProbeResult offer(double rate) throws Exception;
    }

    /** One probe: the rate offered and published, and the backlog sampled as (seconds, items) pairs. */
    record ProbeResult(double offered, double published, List<double[]> backlog) {

        /** Least-squares growth of the backlog, in items per second, over the second half of the probe. */
        double backlogSlope() {
            if (backlog.size() < 2) {
                return 0;
            }
            double end = backlog.get(backlog.size() - 1)[0];
            List<double[]> tail = backlog.stream().filter(sample -> sample[0] >= end / 2).toList();
            if (tail.size() < 2) {
                return 0;
            }
            double meanT = tail.stream().mapToDouble(s -> s[0]).average().orElse(0);
            double meanB = tail.stream().mapToDouble(s -> s[1]).average().orElse(0);
            double covariance = 0;
            double variance = 0;
            for (double[] sample : tail) {
                covariance += (sample[0] - meanT) * (sample[1] - meanB);
                variance += (sample[0] - meanT) * (sample[0] - meanT);
            }
            return variance == 0 ? 0 : covariance / variance;
        }

        double finalBacklog() {
            return backlog.isEmpty() ? 0 : backlog.get(backlog.size() - 1)[1];
        }

        boolean sustained() {
            return published >= 0.95 * offered && backlogSlope() <= 0.02 * offered && finalBacklog() <= 2 * offered;
        }
    }

    /** The outcome: the sustainable rate (0 if none was found) and every probe made. */
    record Outcome(double sustainableRate, List<ProbeResult> probes) {
    }

    private final Probe probe;
    private final int maxProbes;

    RateSearch(Probe probe, int maxProbes) {
        this.probe = probe;
        this.maxProbes = maxProbes;
    }

    Outcome search(double firstRate) throws Exception {
        double sustained = 0;
        double failed = Double.POSITIVE_INFINITY;
        double rate = firstRate;
        List<ProbeResult> probes = new ArrayList<>();
        for (int i = 0; i < maxProbes && rate >= 1; i++) {
            ProbeResult result = probe.offer(rate);
            probes.add(result);
            if (result.sustained()) {
                sustained = Math.max(sustained, rate);
            } else {
                failed = Math.min(failed, rate);
            }
            rate = Double.isInfinite(failed) ? sustained * 1.5 : (sustained == 0 ? failed / 2 : (sustained + failed) / 2);
            rate = Math.round(rate / 10.0) * 10.0;
            if (rate <= sustained || rate >= failed) {
                break;
            }
        }
        return new Outcome(sustained, probes);
    }
}
