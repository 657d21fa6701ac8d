package org.iobench.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HierarchicalBootstrapTest {

    private static final int TRIALS = 400;
    private static final HierarchicalBootstrap BOOTSTRAP = new HierarchicalBootstrap(1000, 0.95, 42);

    /**
     * Lognormal figure with a round (fork) effect: ln x[r][i] = ln(median) + a_r + e_ri, a ~ N(0, 0.15²),
     * e ~ N(0, 0.05²). Round medians and their median all target the true median.
     */
    private static RoundSamples lognormalRounds(SplittableRandom random, double median, int rounds, int iterations,
                                                double betweenSd, double withinSd) {
        double[][] values = new double[rounds][iterations];
        for (int r = 0; r < rounds; r++) {
            double roundEffect = betweenSd * random.nextGaussian();
            for (int i = 0; i < iterations; i++) {
                values[r][i] = median * Math.exp(roundEffect + withinSd * random.nextGaussian());
            }
        }
        return new RoundSamples(values);
    }

    private static double coverage(int rounds, int iterations, boolean poolIterationsAsOneRound) {
        SplittableRandom random = new SplittableRandom(7);
        double trueMedian = 100_000;
        int covered = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            RoundSamples samples = lognormalRounds(random, trueMedian, rounds, iterations, 0.15, 0.05);
            if (poolIterationsAsOneRound) samples = RoundSamples.of(samples.pooled());
            if (BOOTSTRAP.medianOfRoundMedians(samples).contains(trueMedian)) covered++;
        }
        return covered / (double) TRIALS;
    }

    @Test
    void coversTheTrueMedianAboutNinetyFivePercentOfTheTimeWithTenRounds() {
        double coverage = coverage(10, 5, false);
        assertTrue(coverage >= 0.92 && coverage <= 0.98, "coverage " + coverage);
    }

    @Test
    void coversTheTrueMedianAboutNinetyFivePercentOfTheTimeWithFiveRoundsWithinItsKnownSmallSampleShortfall() {
        // Known small-sample undercoverage of the percentile bootstrap of a median: 91.4% over 1,000 trials
        // (docs/statistics.md), which is why FigureInterval uses order statistics below 10 rounds.
        double coverage = coverage(5, 5, false);
        assertTrue(coverage >= 0.88 && coverage <= 0.97, "coverage " + coverage);
    }

    @Test
    void treatingIterationsAsIndependentSamplesUndercovers() {
        // the check above has teeth: the same data resampled at the wrong level misses the true median often
        double coverage = coverage(10, 5, true);
        assertTrue(coverage < 0.75, "pooled coverage " + coverage);
    }

    @Test
    void intervalNeverGoesNegativeForNonNegativeData() {
        // skewed round figures near zero: a t interval on the round medians (mean ± t·sd/√R) goes negative
        RoundSamples samples = RoundSamples.of(new double[] {0, 1}, new double[] {1, 0}, new double[] {0, 1},
                new double[] {1, 0}, new double[] {25, 35});
        double[] roundMedians = samples.roundMedians();
        double mean = Arrays.stream(roundMedians).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(roundMedians).map(v -> (v - mean) * (v - mean)).sum() / (roundMedians.length - 1));
        assertTrue(mean - 2.776 * sd / Math.sqrt(roundMedians.length) < 0, "the example must defeat a normal interval");
        IntervalEstimate estimate = BOOTSTRAP.medianOfRoundMedians(samples);
        assertTrue(estimate.low() >= 0, "low " + estimate.low());
        assertTrue(estimate.low() <= estimate.value() && estimate.value() <= estimate.high());
    }

    @Test
    void singleRoundResamplesIterationsAndSaysSo() {
        IntervalEstimate estimate = BOOTSTRAP.medianOfRoundMedians(RoundSamples.of(new double[] {9, 10, 11, 10, 12, 8, 10}));
        assertEquals(IntervalEstimate.ResamplingLevel.ITERATIONS_ONLY, estimate.level());
        assertEquals(10, estimate.value());
        assertTrue(estimate.low() >= 8 && estimate.low() <= 10 && estimate.high() >= 10 && estimate.high() <= 12, estimate.toString());
        assertTrue(estimate.high() > estimate.low());
    }

    @Test
    void severalRoundsAreResampledAtBothLevels() {
        IntervalEstimate estimate = BOOTSTRAP.medianOfRoundMedians(RoundSamples.of(new double[] {1, 2}, new double[] {3, 4}));
        assertEquals(IntervalEstimate.ResamplingLevel.ROUNDS_THEN_ITERATIONS, estimate.level());
    }

    @Test
    void sameSeedSameInterval() {
        // also catches a median that reorders the samples in place between calls
        RoundSamples samples = lognormalRounds(new SplittableRandom(3), 50, 6, 4, 0.1, 0.05);
        assertEquals(BOOTSTRAP.medianOfRoundMedians(samples), BOOTSTRAP.medianOfRoundMedians(samples));
        IntervalEstimate otherSeed = new HierarchicalBootstrap(1000, 0.95, 43).medianOfRoundMedians(samples);
        assertEquals(BOOTSTRAP.medianOfRoundMedians(samples).value(), otherSeed.value());
        assertNotEquals(BOOTSTRAP.medianOfRoundMedians(samples), otherSeed);
    }

    @Test
    void oneDisturbedRoundBarelyMovesTheFigure() {
        double[][] values = {{100, 101}, {99, 100}, {102, 101}, {100, 99}, {50, 48}};
        IntervalEstimate estimate = BOOTSTRAP.medianOfRoundMedians(new RoundSamples(values));
        // round medians 100.5, 99.5, 101.5, 99.5, 49: their median is 99.5 (their mean would be 90)
        // (the interval, honestly, reaches down to 49: a resample draws the bad round 3 times in 5 about 6% of the time)
        assertEquals(99.5, estimate.value());
    }
}
