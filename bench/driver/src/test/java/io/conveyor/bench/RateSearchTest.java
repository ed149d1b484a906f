package io.conveyor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateSearchTest {

    /** A backlog sampled every half second for 20 s, growing by {@code growth} items per second from {@code start}. */
    private static List<double[]> backlog(double start, double growth) {
        List<double[]> samples = new ArrayList<>();
        for (double t = 0; t <= 20; t += 0.5) {
            samples.add(new double[] {t, Math.max(0, start + growth * t)});
        }
        return samples;
    }

    @Test
    @DisplayName("a flat backlog at the offered rate is sustained; a growing one, an unreached rate or a large remainder is not")
    void sustainedNeedsAFlatSmallBacklogAndTheFullOfferedRate() {
        assertThat(new RateSearch.ProbeResult(1000, 1000, backlog(50, 0)).sustained()).isTrue();
        assertThat(new RateSearch.ProbeResult(1000, 1000, backlog(50, 100)).sustained()).isFalse();
        assertThat(new RateSearch.ProbeResult(1000, 900, backlog(50, 0)).sustained()).isFalse();
        assertThat(new RateSearch.ProbeResult(1000, 1000, backlog(5000, 0)).sustained()).isFalse();
    }

    @Test
    @DisplayName("the slope is measured over the second half only, so a start-up transient does not count")
    void slopeIgnoresTheFirstHalf() {
        List<double[]> samples = backlog(0, 0);
        samples.set(1, new double[] {0.5, 900});
        assertThat(new RateSearch.ProbeResult(1000, 1000, samples).backlogSlope()).isZero();
        assertThat(new RateSearch.ProbeResult(1000, 1000, backlog(0, 40)).backlogSlope()).isCloseTo(40, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    @DisplayName("the search converges on the highest sustained rate of an engine that keeps up with 2,300 messages per second")
    void searchFindsTheCapacity() throws Exception {
        double capacity = 2300;
        RateSearch search = new RateSearch(rate -> new RateSearch.ProbeResult(rate, rate,
                backlog(10, rate <= capacity ? 0 : rate - capacity)), 8);

        RateSearch.Outcome outcome = search.search(1000);

        assertThat(outcome.sustainableRate()).as("within the 2 % tolerance of the capacity").isBetween(2000.0, 2300.0 * 1.02);
        assertThat(outcome.probes()).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    @DisplayName("when even the first rate is too high, the search comes down until one is sustained")
    void searchComesDown() throws Exception {
        RateSearch search = new RateSearch(rate -> new RateSearch.ProbeResult(rate, rate,
                backlog(10, rate <= 300 ? 0 : rate - 300)), 6);

        assertThat(search.search(2000).sustainableRate()).isBetween(200.0, 300.0);
    }
}
