package org.iobench.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.iobench.bench.measure.SteadyStateRule.Decision;
import org.iobench.bench.measure.SteadyStateRule.State;
import org.junit.jupiter.api.Test;

class SteadyStateRuleTest {

    @Test
    void noiseAloneIsSteadySoonAfterAWindowIsFull() {
        SplittableRandom random = new SplittableRandom(1);
        int steadyWithinTen = 0;
        for (int trial = 0; trial < 200; trial++) {
            double[] scores = random.doubles(30).map(u -> 100_000 * (1 + 0.02 * gaussian(random))).toArray();
            Decision decision = SteadyStateRule.evaluate(SteadyStateRule.withDefaults(), scores);
            assertEquals(State.STEADY, decision.state(), "trial " + trial);
            assertEquals(decision.iterations() - SteadyStateRule.DEFAULT_WINDOW, decision.steadyFrom());
            if (decision.iterations() <= 10) steadyWithinTen++;
        }
        assertTrue(steadyWithinTen >= 190, "steady within 10 iterations in " + steadyWithinTen + " of 200");
    }

    @Test
    void aClimbingWarmUpIsNotSteadyUntilItLevels() {
        SplittableRandom random = new SplittableRandom(2);
        for (int trial = 0; trial < 100; trial++) {
            // 60k climbing to a 100k plateau, as nio-selector's 65k → 79k → 84k: x_i = 100k (1 − 0.4 e^{−i/3})
            double[] truth = new double[30];
            double[] scores = new double[30];
            for (int i = 0; i < 30; i++) {
                truth[i] = 100_000 * (1 - 0.4 * Math.exp(-i / 3.0));
                scores[i] = truth[i] * (1 + 0.01 * gaussian(random));
            }
            Decision decision = SteadyStateRule.evaluate(SteadyStateRule.withDefaults(), scores);
            assertEquals(State.STEADY, decision.state());
            // the declared steady window starts where the climb has mostly levelled: within 10% of the plateau,
            // and its end within 3%
            assertTrue(truth[decision.steadyFrom()] >= 90_000, "steady from " + decision.steadyFrom());
            assertTrue(truth[decision.iterations() - 1] >= 97_000, "declared at " + decision.iterations());
        }
    }

    @Test
    void aSequenceThatNeverLevelsHitsTheCap() {
        double[] climbing = new double[50];
        for (int i = 0; i < climbing.length; i++) climbing[i] = 50_000 * (1 + 0.03 * i);
        Decision decision = SteadyStateRule.evaluate(SteadyStateRule.withDefaults(), climbing);
        assertEquals(State.NEVER_STEADY, decision.state());
        assertEquals(SteadyStateRule.DEFAULT_CAP, decision.iterations());
        assertEquals(-1, decision.steadyFrom());
    }

    @Test
    void oneHiccupInTheWindowDoesNotPreventSteadiness() {
        Decision decision = SteadyStateRule.evaluate(SteadyStateRule.withDefaults(), 100, 101, 40, 99, 100);
        assertEquals(State.STEADY, decision.state());
        assertEquals(0, decision.steadyFrom());
    }

    @Test
    void decisionIsFinalAndTooFewScoresKeepWarmingUp() {
        SteadyStateRule rule = SteadyStateRule.withDefaults();
        assertEquals(State.WARMING_UP, SteadyStateRule.evaluate(rule, 100, 100, 100).state());
        assertEquals(State.STEADY, SteadyStateRule.evaluate(rule, 100, 100).state());
        assertEquals(State.STEADY, rule.offer(1).state());
        assertThrows(IllegalArgumentException.class, () -> SteadyStateRule.withDefaults().offer(Double.NaN));
    }

    @Test
    void theilSenIgnoresAnOutlier() {
        assertEquals(1.0, SteadyStateRule.theilSenSlope(new double[] {0, 1, 2, 100, 4}), 1e-12);
    }

    private static double gaussian(SplittableRandom random) {
        return random.nextGaussian();
    }
}
