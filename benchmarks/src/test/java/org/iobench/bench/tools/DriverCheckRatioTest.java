package org.iobench.bench.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.iobench.bench.stats.IntervalEstimate;
import org.junit.jupiter.api.Test;

/** driver-check's verdict rests on the median of its paired per-round ratios and the project's interval for it. */
class DriverCheckRatioTest {

    @Test
    void sevenRoundsGiveTheMedianAndTheirRangeAsA95PercentInterval() {
        IntervalEstimate r = DriverCheck.ratioInterval(new double[] {0.91, 1.02, 0.99, 1.01, 0.97, 1.00, 0.95});
        assertEquals(0.99, r.value(), 1e-12);
        // with 7 rounds the shortest order-statistic interval covering >= 95% is [min, max] (98.4%)
        assertEquals(0.91, r.low(), 1e-12);
        assertEquals(1.02, r.high(), 1e-12);
        assertTrue(r.confidence() >= 0.95, r.toString());
    }

    @Test
    void oneBadRoundLeavesTheMedianButWidensTheInterval() {
        IntervalEstimate r = DriverCheck.ratioInterval(new double[] {1.00, 0.50, 1.00, 1.01, 0.99, 1.00, 1.02});
        assertEquals(1.00, r.value(), 1e-12);
        assertEquals(0.50, r.low(), 1e-12, "a ratio target on the lower bound cannot pass over a round it cannot explain");
    }

    @Test
    void identicalRoundsGiveAPointInterval() {
        IntervalEstimate r = DriverCheck.ratioInterval(new double[] {1.0, 1.0, 1.0, 1.0, 1.0});
        assertEquals(1.0, r.low(), 0);
        assertEquals(1.0, r.high(), 0);
    }
}
