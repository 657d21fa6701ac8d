package org.iobench.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinimumDetectableEffectTest {

    @Test
    void aChangeOfTheDetectableSizeIsDetectedWithAboutEightyPercentPower() {
        for (int rounds : new int[] {6, 12}) {
            double cv = 0.05;
            double delta = MinimumDetectableEffect.logChange(cv, rounds, 0.05, 0.80);
            SplittableRandom random = new SplittableRandom(rounds);
            int detected = 0;
            int trials = 3000;
            for (int trial = 0; trial < trials; trial++) {
                double[] base = new double[rounds];
                double[] head = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    base[r] = 100;
                    head[r] = 100 * Math.exp(delta + cv * random.nextGaussian());
                }
                if (PairedRatio.of(head, base, 0.95).pValue() < 0.05) detected++;
            }
            double power = detected / (double) trials;
            assertTrue(power >= 0.74 && power <= 0.86, rounds + " rounds: power " + power);
        }
    }

    @Test
    void moreRoundsOrLessNoiseDetectSmallerChanges() {
        assertTrue(MinimumDetectableEffect.relativeChange(0.05, 10, 0.05, 0.8)
                < MinimumDetectableEffect.relativeChange(0.05, 5, 0.05, 0.8));
        assertTrue(MinimumDetectableEffect.relativeChange(0.02, 5, 0.05, 0.8)
                < MinimumDetectableEffect.relativeChange(0.05, 5, 0.05, 0.8));
        assertEquals(0, MinimumDetectableEffect.relativeChange(0, 5, 0.05, 0.8));
    }

    @Test
    void roundsNeededIsTheFewestThatReachTheChange() {
        int rounds = MinimumDetectableEffect.roundsNeeded(0.05, 0.05, 0.05, 0.8, 100);
        assertTrue(MinimumDetectableEffect.relativeChange(0.05, rounds, 0.05, 0.8) <= 0.05);
        assertTrue(MinimumDetectableEffect.relativeChange(0.05, rounds - 1, 0.05, 0.8) > 0.05);
        assertEquals(-1, MinimumDetectableEffect.roundsNeeded(0.5, 0.01, 0.05, 0.8, 20));
    }
}
