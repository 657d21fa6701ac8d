package org.iobench.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderStatisticIntervalTest {

    private static RoundSamples rounds(double... roundValues) {
        double[][] values = new double[roundValues.length][];
        for (int r = 0; r < roundValues.length; r++) values[r] = new double[] {roundValues[r]};
        return new RoundSamples(values);
    }

    @Test
    void picksTheWidestRankThatStillReachesTheConfidence() {
        // R = 10: [x(2), x(9)] covers 1 − 2·11/1024 = 97.85%; [x(3), x(8)] only 89.06%
        IntervalEstimate estimate = OrderStatisticInterval.medianOfRoundMedians(rounds(10, 1, 9, 2, 8, 3, 7, 4, 6, 5), 0.95);
        assertEquals(2, estimate.low());
        assertEquals(9, estimate.high());
        assertEquals(1 - 2 * 11 / 1024.0, estimate.confidence(), 1e-12);
        assertEquals(5.5, estimate.value());
    }

    @Test
    void fiveRoundsCannotReachNinetyFivePercentAndSaySo() {
        IntervalEstimate estimate = OrderStatisticInterval.medianOfRoundMedians(rounds(3, 1, 2, 5, 4), 0.95);
        assertEquals(1, estimate.low());
        assertEquals(5, estimate.high());
        assertEquals(0.9375, estimate.confidence(), 1e-12);
    }

    @Test
    void coversAsPromisedOnLognormalRounds() {
        SplittableRandom random = new SplittableRandom(5);
        int covered = 0;
        int trials = 2000;
        for (int trial = 0; trial < trials; trial++) {
            double[][] values = new double[8][5];
            for (int r = 0; r < 8; r++) {
                double roundEffect = 0.15 * random.nextGaussian();
                for (int i = 0; i < 5; i++) values[r][i] = 100 * Math.exp(roundEffect + 0.05 * random.nextGaussian());
            }
            IntervalEstimate estimate = OrderStatisticInterval.medianOfRoundMedians(new RoundSamples(values), 0.95);
            if (estimate.contains(100)) covered++;
            assertTrue(estimate.low() > 0);
        }
        // R = 8: [x(1), x(8)] promises 99.2%, the next rank [x(2), x(7)] only 93.0%
        double coverage = covered / (double) trials;
        assertTrue(coverage >= 0.98 && coverage <= 1.0, "coverage " + coverage);
    }

    @Test
    void oneRoundIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OrderStatisticInterval.medianOfRoundMedians(rounds(1), 0.95));
    }

    @Test
    void figureIntervalChoosesByRounds() {
        assertEquals(IntervalEstimate.ResamplingLevel.ITERATIONS_ONLY,
                FigureInterval.of(RoundSamples.of(new double[] {1, 2, 3})).level());
        assertEquals(OrderStatisticInterval.METHOD, FigureInterval.of(rounds(1, 2, 3, 4, 5, 6)).method());
        assertEquals(HierarchicalBootstrap.METHOD, FigureInterval.of(rounds(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).method());
    }
}
