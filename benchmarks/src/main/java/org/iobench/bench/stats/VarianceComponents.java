package org.iobench.bench.stats;

import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;

/**
 * How a figure's variance splits between rounds (forks) and iterations within a round, on the log scale
 * (so both read as coefficients of variation), by the one-way random-effects estimates: within-round
 * variance σ²w is the mean of the rounds' own variances; between-round variance σ²b is the variance of
 * the round means minus what σ²w alone would put there (σ²w / k), clamped at 0.
 *
 * <p>From them, the design that buys the most precision per second (Cochran's two-stage sampling, the
 * argument of Kalibera & Jones 2013): iterations per round k = √(c_round·σ²w / (c_iteration·σ²b)),
 * where c_round is what a round costs before its first measured iteration (JVM and server start,
 * warm-up) and c_iteration one measured iteration. Rounds then follow from the precision wanted.
 * Needs a balanced design (the same k in every round) and at least 2 rounds of at least 2 iterations.
 *
 * @param betweenRoundVariance σ²b of ln(figure)
 * @param withinRoundVariance  σ²w of ln(figure)
 * @param iterationsPerRound   k of the data they were estimated from
 */
public record VarianceComponents(double betweenRoundVariance, double withinRoundVariance, int iterationsPerRound) {

    /** A median is less efficient than a mean: its standard error is about √(π/2) ≈ 1.25 times larger. */
    private static final double MEDIAN_EFFICIENCY_FACTOR = Math.sqrt(Math.PI / 2);
    private static final double Z_95 = 1.959964;

    public static VarianceComponents estimate(RoundSamples samples) {
        int rounds = samples.rounds();
        int k = samples.round(0).length;
        if (rounds < 2 || k < 2) throw new IllegalArgumentException("need at least 2 rounds of at least 2 iterations");
        double[] roundMeans = new double[rounds];
        double[] roundVariances = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double[] values = samples.round(r);
            if (values.length != k) throw new IllegalArgumentException("rounds must have the same number of iterations");
            double[] logs = Arrays.stream(values).map(v -> {
                if (!(v > 0)) throw new IllegalArgumentException("variance components need positive values, got " + v);
                return Math.log(v);
            }).toArray();
            roundMeans[r] = Mean.of(logs).getAsDouble();
            roundVariances[r] = Variance.of(logs).getAsDouble();
        }
        double within = Mean.of(roundVariances).getAsDouble();
        double between = Math.max(0, Variance.of(roundMeans).getAsDouble() - within / k);
        return new VarianceComponents(between, within, k);
    }

    /** Between-round coefficient of variation (σb on the log scale). */
    public double betweenRoundCv() {
        return Math.sqrt(betweenRoundVariance);
    }

    /** Within-round coefficient of variation (σw on the log scale). */
    public double withinRoundCv() {
        return Math.sqrt(withinRoundVariance);
    }

    /** The k that minimises the variance of the figure for a given time budget (at least 1). */
    public int optimalIterationsPerRound(double roundOverheadSeconds, double iterationSeconds) {
        if (!(roundOverheadSeconds > 0 && iterationSeconds > 0)) throw new IllegalArgumentException("costs must be positive");
        if (betweenRoundVariance == 0) return Integer.MAX_VALUE;
        double k = Math.sqrt(roundOverheadSeconds * withinRoundVariance / (iterationSeconds * betweenRoundVariance));
        return Math.max(1, (int) Math.round(k));
    }

    /**
     * Rounds for a 95% interval of about ± targetRelativeHalfWidth around the median of round medians with
     * k iterations per round (normal approximation on the log scale, with the median's efficiency loss).
     */
    public int roundsFor(double targetRelativeHalfWidth, int iterationsPerRound) {
        if (!(targetRelativeHalfWidth > 0) || iterationsPerRound < 1) throw new IllegalArgumentException("bad target or k");
        double perRoundVariance = betweenRoundVariance + withinRoundVariance / iterationsPerRound;
        double halfWidth = Math.log1p(targetRelativeHalfWidth);
        double z = Z_95 * MEDIAN_EFFICIENCY_FACTOR;
        return Math.max(2, (int) Math.ceil(z * z * perRoundVariance / (halfWidth * halfWidth)));
    }
}
