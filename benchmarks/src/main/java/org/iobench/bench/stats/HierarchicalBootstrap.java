package org.iobench.bench.stats;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Two-level percentile bootstrap of the median of round medians (Davison & Hinkley 1997, §3.8;
 * the levels as in Kalibera & Jones 2013). Each replicate draws R rounds with replacement, then, within
 * each drawn round, its k iterations with replacement, and takes the median of the resampled rounds'
 * medians. The interval is the (α/2, 1−α/2) quantiles of the replicates.
 *
 * <p>Why the median of round medians rather than the median of all iterations pooled: every round weighs
 * the same whatever its iteration count, and up to half the rounds may be disturbed (a noisy neighbour,
 * a bad JIT decision in that fork) without moving the figure far. Why percentile rather than BCa: with
 * 5–10 rounds the jackknife estimate of BCa's acceleration rests on 5–10 values and is itself noise;
 * the percentile interval is transformation-invariant and, being made of medians of observed values,
 * never leaves the range of the data, so for non-negative data it is never negative. No normality is
 * assumed anywhere. Resampling both levels counts iteration noise twice (once inside the round medians'
 * spread and once by resampling), which errs on the wide side; even so, with few rounds the percentile
 * interval of a median undercovers (91% at R = 5 by simulation, see docs/statistics.md), which is why
 * {@link FigureInterval} uses exact order statistics below 10 rounds.
 *
 * <p>Deterministic: the same samples and seed give the same interval.
 */
public final class HierarchicalBootstrap {

    public static final int DEFAULT_REPLICATES = 4000;
    public static final double DEFAULT_CONFIDENCE = 0.95;
    public static final long DEFAULT_SEED = 0x10BE_0C4L;
    public static final String METHOD = "percentile bootstrap of the median of round medians";

    private static final Median MEDIAN_IN_PLACE = Median.withDefaults().withCopy(false);
    private static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    private final int replicates;
    private final double confidence;
    private final long seed;

    public HierarchicalBootstrap(int replicates, double confidence, long seed) {
        if (replicates < 100) throw new IllegalArgumentException("need at least 100 bootstrap replicates, got " + replicates);
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        this.replicates = replicates;
        this.confidence = confidence;
        this.seed = seed;
    }

    public static HierarchicalBootstrap withDefaults() {
        return new HierarchicalBootstrap(DEFAULT_REPLICATES, DEFAULT_CONFIDENCE, DEFAULT_SEED);
    }

    /**
     * The median of round medians with its interval. With a single round, the iterations are resampled
     * alone and the result says so ({@link IntervalEstimate.ResamplingLevel#ITERATIONS_ONLY}).
     */
    public IntervalEstimate medianOfRoundMedians(RoundSamples samples) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] replicateValues = new double[replicates];
        for (int b = 0; b < replicates; b++) {
            replicateValues[b] = samples.rounds() == 1
                    ? resampledMedian(samples.round(0), rng)
                    : resampledMedianOfRoundMedians(samples, rng);
        }
        double alpha = 1 - confidence;
        double[] bounds = QUANTILE.evaluate(replicateValues, alpha / 2, 1 - alpha / 2);
        IntervalEstimate.ResamplingLevel level = samples.rounds() == 1
                ? IntervalEstimate.ResamplingLevel.ITERATIONS_ONLY
                : IntervalEstimate.ResamplingLevel.ROUNDS_THEN_ITERATIONS;
        return new IntervalEstimate(samples.medianOfRoundMedians(), bounds[0], bounds[1], confidence, level, METHOD);
    }

    private static double resampledMedianOfRoundMedians(RoundSamples samples, UniformRandomProvider rng) {
        int rounds = samples.rounds();
        double[] roundMedians = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            roundMedians[r] = resampledMedian(samples.round(rng.nextInt(rounds)), rng);
        }
        return MEDIAN_IN_PLACE.evaluate(roundMedians);
    }

    private static double resampledMedian(double[] iterations, UniformRandomProvider rng) {
        double[] drawn = new double[iterations.length];
        for (int i = 0; i < drawn.length; i++) drawn[i] = iterations[rng.nextInt(iterations.length)];
        return MEDIAN_IN_PLACE.evaluate(drawn);
    }
}
