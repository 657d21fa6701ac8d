package org.iobench.bench.stats;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.TTest;

/**
 * head / base for a figure measured on both sides in the same rounds: the ratio is formed per round
 * (so whatever slowed the machine during round r slowed both sides of that round's ratio alike and
 * cancels), the per-round ratios are averaged on the log scale (the geometric mean ratio), and the
 * interval is Student's t on those logs, transformed back. On the log scale a 2× slowdown and a 2×
 * speed-up are equally far from 1, and the back-transformed interval is always positive.
 *
 * <p>The t interval assumes the per-round log ratios are roughly symmetric, not the raw samples: a
 * ratio of two same-round figures is far better behaved than either figure, and t on the mean is robust
 * to moderate skew. It also yields the p-value the gate's Benjamini–Hochberg step needs, which a
 * bootstrap with 5–10 rounds gives only coarsely.
 *
 * @param ratio      geometric mean of head/base over the rounds
 * @param low        lower bound of the interval for the ratio
 * @param high       upper bound
 * @param confidence nominal coverage of [low, high]
 * @param pValue     two-sided p-value of "the ratio is 1" (1 when every round gives exactly 1)
 * @param rounds     paired rounds used
 * @param logSd      standard deviation of the per-round log ratios (≈ the between-round CV of the ratio)
 */
public record PairedRatio(double ratio, double low, double high, double confidence, double pValue, int rounds,
                          double logSd) {

    public static final int MIN_ROUNDS = 2;

    /** Per-round log ratios ln(head[r] / base[r]); every value must be positive and finite. */
    public static double[] logRatios(double[] headPerRound, double[] basePerRound) {
        if (headPerRound.length != basePerRound.length) {
            throw new IllegalArgumentException("head has " + headPerRound.length + " rounds, base "
                    + basePerRound.length + ": a paired ratio needs both sides in every round");
        }
        double[] logs = new double[headPerRound.length];
        for (int r = 0; r < logs.length; r++) {
            double head = headPerRound[r];
            double base = basePerRound[r];
            if (!(head > 0 && base > 0 && Double.isFinite(head) && Double.isFinite(base))) {
                throw new IllegalArgumentException("round " + r + ": a ratio needs positive finite values, got head "
                        + head + " and base " + base);
            }
            logs[r] = Math.log(head / base);
        }
        return logs;
    }

    public static PairedRatio of(double[] headPerRound, double[] basePerRound, double confidence) {
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        double[] logs = logRatios(headPerRound, basePerRound);
        int n = logs.length;
        if (n < MIN_ROUNDS) {
            throw new IllegalArgumentException("a paired ratio needs at least " + MIN_ROUNDS + " rounds, got " + n);
        }
        double mean = Mean.of(logs).getAsDouble();
        double sd = StandardDeviation.of(logs).getAsDouble();
        double standardError = sd / Math.sqrt(n);
        double tQuantile = TDistribution.of(n - 1).inverseSurvivalProbability((1 - confidence) / 2);
        double pValue = pValue(logs, mean, sd);
        return new PairedRatio(Math.exp(mean), Math.exp(mean - tQuantile * standardError),
                Math.exp(mean + tQuantile * standardError), confidence, pValue, n, sd);
    }

    /** The estimate in log units: ln(ratio), the mean of the per-round log ratios. */
    public double logRatio() {
        return Math.log(ratio);
    }

    /** Relative change head vs base: ratio − 1 (−0.21 for a 21% drop). */
    public double relativeChange() {
        return ratio - 1;
    }

    /** Rounds that all agree exactly leave t undefined (0/0): no spread and no shift is p = 1, a shift p = 0. */
    private static double pValue(double[] logs, double mean, double sd) {
        if (sd == 0) return mean == 0 ? 1 : 0;
        return TTest.withDefaults().test(logs).getPValue();
    }
}
