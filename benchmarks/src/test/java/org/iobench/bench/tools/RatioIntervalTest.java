package org.iobench.bench.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RatioIntervalTest {

    @Test
    void identicalRoundsGiveAPointInterval() {
        RatioInterval r = RatioInterval.of(new double[] {1.0, 1.0, 1.0, 1.0, 1.0});
        assertEquals(new RatioInterval(1.0, 1.0, 1.0, 5), r);
    }

    @Test
    void theIntervalHoldsTheMedianAndStaysWithinTheObservedRatios() {
        double[] ratios = {0.91, 1.02, 0.99, 1.01, 0.97, 1.00, 0.95};
        RatioInterval r = RatioInterval.of(ratios);
        assertEquals(0.99, r.median(), 1e-12);
        assertTrue(r.lower() <= r.median() && r.median() <= r.upper(), r.toString());
        assertTrue(r.lower() >= 0.91 && r.upper() <= 1.02, r.toString());
        assertTrue(r.lower() < 0.99 && r.upper() > 0.99, "seven scattered rounds leave some doubt: " + r);
    }

    @Test
    void oneBadRoundOfSevenDoesNotMoveTheMedianFar() {
        RatioInterval r = RatioInterval.of(new double[] {1.00, 0.50, 1.00, 1.01, 0.99, 1.00, 1.02});
        assertEquals(1.00, r.median(), 1e-12);
        assertTrue(r.lower() >= 0.99, r.toString());
    }

    @Test
    void theSameRoundsAlwaysGiveTheSameInterval() {
        double[] ratios = {0.93, 1.04, 0.98, 1.01, 0.97};
        assertEquals(RatioInterval.of(ratios), RatioInterval.of(ratios.clone()));
    }

    @Test
    void evenCountsTakeTheMiddleTwo() {
        assertEquals(1.5, RatioInterval.median(new double[] {2, 1, 3, 0}), 1e-12);
    }
}
