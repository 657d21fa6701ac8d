package org.iobench.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VarianceComponentsTest {

    private static RoundSamples simulate(SplittableRandom random, int rounds, int k, double betweenSd, double withinSd) {
        double[][] values = new double[rounds][k];
        for (int r = 0; r < rounds; r++) {
            double roundEffect = betweenSd * random.nextGaussian();
            for (int i = 0; i < k; i++) values[r][i] = 1000 * Math.exp(roundEffect + withinSd * random.nextGaussian());
        }
        return new RoundSamples(values);
    }

    @Test
    void recoversKnownComponents() {
        VarianceComponents components = VarianceComponents.estimate(simulate(new SplittableRandom(1), 400, 5, 0.10, 0.03));
        assertEquals(0.10, components.betweenRoundCv(), 0.01);
        assertEquals(0.03, components.withinRoundCv(), 0.002);
    }

    @Test
    void noRoundEffectGivesAboutZeroBetweenRoundVariance() {
        VarianceComponents components = VarianceComponents.estimate(simulate(new SplittableRandom(2), 400, 5, 0, 0.05));
        assertTrue(components.betweenRoundCv() < 0.01, "between " + components.betweenRoundCv());
    }

    @Test
    void exactSmallExample() {
        // logs per round {0, 2} and {2, 4} (as e^x): within variances 2 and 2; round means 1 and 3 with variance 2;
        // between = 2 − 2/2 = 1
        RoundSamples samples = RoundSamples.of(new double[] {1, Math.exp(2)}, new double[] {Math.exp(2), Math.exp(4)});
        VarianceComponents components = VarianceComponents.estimate(samples);
        assertEquals(2, components.withinRoundVariance(), 1e-12);
        assertEquals(1, components.betweenRoundVariance(), 1e-12);
    }

    @Test
    void optimalIterationsFollowCochran() {
        // k = √(c_round σ²w / (c_iteration σ²b)) = √(20 · 0.0009 / (1 · 0.0001)) = √180 ≈ 13
        VarianceComponents components = new VarianceComponents(0.0001, 0.0009, 5);
        assertEquals(13, components.optimalIterationsPerRound(20, 1));
        // costly iterations relative to a round: fewer of them
        assertEquals(1, new VarianceComponents(0.01, 0.0001, 5).optimalIterationsPerRound(2, 1));
    }

    @Test
    void roundsForAPrecisionAgreeWithTheBootstrapsWidth() {
        // σb 0.05, σw 0.03, k 5: per-round variance 0.00268; ±5% needs ⌈(1.96·1.2533)²·0.00268 / ln(1.05)²⌉ rounds
        VarianceComponents components = new VarianceComponents(0.0025, 0.0009, 5);
        int rounds = components.roundsFor(0.05, 5);
        assertEquals(Math.ceil(Math.pow(1.959964 * Math.sqrt(Math.PI / 2), 2) * 0.00268 / Math.pow(Math.log(1.05), 2)), rounds);
        // and the bootstrap over that many simulated rounds lands near ±5% on average
        SplittableRandom random = new SplittableRandom(3);
        double sum = 0;
        int trials = 100;
        for (int t = 0; t < trials; t++) {
            sum += new HierarchicalBootstrap(500, 0.95, t).medianOfRoundMedians(simulate(random, rounds, 5, 0.05, 0.03))
                    .relativeHalfWidth();
        }
        double meanHalfWidth = sum / trials;
        assertTrue(meanHalfWidth > 0.035 && meanHalfWidth < 0.065, "mean half-width " + meanHalfWidth);
    }

    @Test
    void unbalancedOrTooSmallDesignsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> VarianceComponents.estimate(RoundSamples.of(new double[] {1, 2})));
        assertThrows(IllegalArgumentException.class,
                () -> VarianceComponents.estimate(RoundSamples.of(new double[] {1, 2}, new double[] {1, 2, 3})));
    }
}
