package org.iobench.bench.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The distribution-free interval for the median of the round medians: the j-th smallest and j-th largest
 * round median, with j the largest rank whose coverage 1 − 2·P(Binomial(R, ½) ≤ j − 1) still reaches the
 * confidence asked for. It assumes only that rounds are independent and alike (which interleaving and
 * shuffling are there to make true); it needs no seed, no resampling and no normality, and stays inside
 * the data, so it is never negative for non-negative figures. Each round median already carries that
 * round's iteration noise, so nothing is lost by not resampling iterations.
 *
 * <p>It is exact where the bootstrap is approximate, at the price of coarseness: the bounds jump from one
 * order statistic to the next. With R ≤ 5 no pair reaches 95% (the widest, [min, max], covers
 * 1 − 2/2^R: 93.75% at R = 5); the estimate then carries the coverage it does have.
 */
public final class OrderStatisticInterval {

    public static final String METHOD = "order statistics of the round medians (distribution-free)";

    private OrderStatisticInterval() {
    }

    public static IntervalEstimate medianOfRoundMedians(RoundSamples samples, double confidence) {
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        if (samples.rounds() < 2) {
            throw new IllegalArgumentException("an order-statistic interval needs at least 2 rounds; with one, use the bootstrap over iterations");
        }
        double[] sorted = samples.roundMedians();
        Arrays.sort(sorted);
        int rounds = sorted.length;
        BinomialDistribution binomial = BinomialDistribution.of(rounds, 0.5);
        int rank = 1;
        while (rank + 1 <= rounds / 2 && coverage(binomial, rank + 1) >= confidence) rank++;
        return new IntervalEstimate(samples.medianOfRoundMedians(), sorted[rank - 1], sorted[rounds - rank],
                coverage(binomial, rank), IntervalEstimate.ResamplingLevel.ROUNDS_THEN_ITERATIONS, METHOD);
    }

    /** P(x(j) ≤ median ≤ x(R+1−j)) for iid continuous values. */
    static double coverage(BinomialDistribution binomial, int rank) {
        return 1 - 2 * binomial.cumulativeProbability(rank - 1);
    }
}
