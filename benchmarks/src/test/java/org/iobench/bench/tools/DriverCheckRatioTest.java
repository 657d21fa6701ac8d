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

    @Test
    void aRoundWhoseCpuPlacementChangedIsNoFairPair() {
        assertTrue(DriverCheck.splitPlacement(90, 380), "near before, far after");
        assertTrue(DriverCheck.splitPlacement(390, 95), "far before, near after");
        assertTrue(!DriverCheck.splitPlacement(90, 110), "the probe's own spread is one placement");
        assertTrue(!DriverCheck.splitPlacement(380, 400), "far throughout is still a fair pair");
        assertTrue(!DriverCheck.splitPlacement(Double.NaN, 400), "no probe: nothing to judge");
        assertTrue(DriverCheck.splitPlacement(85, 390, 80), "far between the halves, near before and after: one half ran far");
        assertTrue(!DriverCheck.splitPlacement(85, Double.NaN, 80), "a probe not taken is no evidence");
    }
}
