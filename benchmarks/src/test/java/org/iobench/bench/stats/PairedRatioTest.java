package org.iobench.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedRatioTest {

    @Test
    void exactRatioInEveryRoundHasAZeroWidthIntervalAndPZero() {
        PairedRatio ratio = PairedRatio.of(new double[] {20, 40, 60}, new double[] {10, 20, 30}, 0.95);
        assertEquals(2, ratio.ratio(), 1e-12);
        assertEquals(2, ratio.low(), 1e-12);
        assertEquals(2, ratio.high(), 1e-12);
        assertEquals(0, ratio.pValue());
    }

    @Test
    void identicalSidesGiveRatioOneAndPOne() {
        double[] same = {5, 7, 6, 9};
        PairedRatio ratio = PairedRatio.of(same, same, 0.95);
        assertEquals(1, ratio.ratio());
        assertEquals(1, ratio.pValue());
    }

    @Test
    void intervalIsStudentTOnTheLogsTransformedBack() {
        // log ratios 0.1, 0.2, 0.3, 0.0, 0.15 (n = 5): mean 0.15, sd 0.1118, t(0.975, 4) = 2.7764
        double[] logs = {0.1, 0.2, 0.3, 0.0, 0.15};
        double[] base = {1, 2, 3, 4, 5};
        double[] head = new double[5];
        for (int r = 0; r < 5; r++) head[r] = base[r] * Math.exp(logs[r]);
        PairedRatio ratio = PairedRatio.of(head, base, 0.95);
        double halfWidth = 2.7764451 * 0.1118034 / Math.sqrt(5);
        assertEquals(Math.exp(0.15), ratio.ratio(), 1e-9);
        assertEquals(Math.exp(0.15 - halfWidth), ratio.low(), 1e-6);
        assertEquals(Math.exp(0.15 + halfWidth), ratio.high(), 1e-6);
        assertEquals(0.1118034, ratio.logSd(), 1e-6);
        assertEquals(0.0399, ratio.pValue(), 0.0001); // t = 3.0 with 4 degrees of freedom, two-sided
    }

    @Test
    void pairingCancelsWhatSlowedBothSidesOfARoundAndCoverageIsNominal() {
        SplittableRandom random = new SplittableRandom(11);
        double trueRatio = 0.9;
        int covered = 0;
        int trials = 2000;
        double widest = 0;
        for (int trial = 0; trial < trials; trial++) {
            double[] base = new double[8];
            double[] head = new double[8];
            for (int r = 0; r < 8; r++) {
                double machine = Math.exp(0.3 * random.nextGaussian()); // a slow phase hits both sides of the round
                base[r] = 1000 * machine * Math.exp(0.03 * random.nextGaussian());
                head[r] = 1000 * trueRatio * machine * Math.exp(0.03 * random.nextGaussian());
            }
            PairedRatio ratio = PairedRatio.of(head, base, 0.95);
            if (ratio.low() <= trueRatio && trueRatio <= ratio.high()) covered++;
            widest = Math.max(widest, ratio.high() / ratio.low());
            assertTrue(ratio.low() > 0);
        }
        double coverage = covered / (double) trials;
        assertTrue(coverage >= 0.93 && coverage <= 0.97, "coverage " + coverage);
        assertTrue(widest < 1.2, "paired interval should not carry the 30% machine swings: " + widest);
    }

    @Test
    void refusesWhatHasNoRatio() {
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(new double[] {1, 0}, new double[] {1, 1}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(new double[] {1, 2}, new double[] {1}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(new double[] {1}, new double[] {1}, 0.95));
    }
}
