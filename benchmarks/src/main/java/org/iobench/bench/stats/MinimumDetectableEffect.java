package org.iobench.bench.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The smallest change a paired comparison of R rounds detects with a given power (the usual
 * approximation to the power of a two-sided one-sample t test on the per-round log ratios:
 * δ = (t[1−α/2, R−1] + t[power, R−1]) · σ / √R, with σ the standard deviation of the per-round log
 * ratios). It is slightly optimistic for very few rounds because it ignores the non-centrality of t.
 *
 * <p>σ is the between-round coefficient of variation of the head/base ratio. Measure it from an A/A run
 * (the same commit on both sides) as {@link PairedRatio#logSd()}. Two sides that each vary by CV c
 * independently give σ ≈ c·√2; interleaving A and B within a round makes their slow phases shared, so
 * σ is usually well below that.
 *
 * <p>With Benjamini–Hochberg over m figures, a single changed figure is judged at α/m and every changed
 * figure at up to α: the MDE lies between the two. And the gate also demands the practical threshold,
 * so in practice the gate detects max(MDE, somewhat above the threshold).
 */
public final class MinimumDetectableEffect {

    public static final double DEFAULT_POWER = 0.80;

    private MinimumDetectableEffect() {
    }

    /** Smallest detectable |ln(head/base)|. */
    public static double logChange(double betweenRoundCv, int rounds, double alpha, double power) {
        if (rounds < 2) throw new IllegalArgumentException("need at least 2 rounds, got " + rounds);
        if (!(betweenRoundCv >= 0)) throw new IllegalArgumentException("coefficient of variation must be ≥ 0: " + betweenRoundCv);
        if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) {
            throw new IllegalArgumentException("alpha and power must be in (0, 1): " + alpha + ", " + power);
        }
        TDistribution t = TDistribution.of(rounds - 1);
        double tAlpha = t.inverseSurvivalProbability(alpha / 2);
        double tPower = t.inverseCumulativeProbability(power);
        return (tAlpha + tPower) * betweenRoundCv / Math.sqrt(rounds);
    }

    /** The same as a relative change: a ratio of exp(δ), reported as exp(δ) − 1 (0.05 = 5%). */
    public static double relativeChange(double betweenRoundCv, int rounds, double alpha, double power) {
        return Math.expm1(logChange(betweenRoundCv, rounds, alpha, power));
    }

    /** Fewest rounds (up to maxRounds) that detect the relative change; -1 when even maxRounds do not. */
    public static int roundsNeeded(double betweenRoundCv, double relativeChange, double alpha, double power, int maxRounds) {
        double target = Math.log1p(Math.abs(relativeChange));
        for (int rounds = 2; rounds <= maxRounds; rounds++) {
            if (logChange(betweenRoundCv, rounds, alpha, power) <= target) return rounds;
        }
        return -1;
    }
}
