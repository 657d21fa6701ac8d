package org.iobench.results.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.iobench.bench.stats.BenjaminiHochberg;
import org.iobench.bench.stats.MinimumDetectableEffect;
import org.iobench.bench.stats.PairedRatio;
import org.iobench.results.Metric;

/**
 * The gate's decision rule (issue 10): each figure is judged on its paired per-round log ratios
 * head/base ({@link PairedRatio}); the p-values of all figures judged at once go through
 * Benjamini–Hochberg at the false discovery rate; and a change must also reach the practical threshold.
 *
 * <ul>
 *   <li>REGRESSION / IMPROVEMENT: significant after the correction and the estimated change is at least
 *       the threshold, in the figure's worse / better direction.</li>
 *   <li>NO CHANGE: the (1 − fdr) interval of the ratio lies within ± the threshold.</li>
 *   <li>INCONCLUSIVE: fewer than {@link #minRounds} rounds, or the interval reaches past the threshold
 *       without the evidence for a change: the reason gives the change these rounds could detect.</li>
 * </ul>
 *
 * The threshold is symmetric on the log scale: a threshold of 5% means a ratio outside
 * [1/1.05, 1.05].
 */
public record RegressionRule(double threshold, double falseDiscoveryRate, int minRounds) {

    public static final double DEFAULT_THRESHOLD = 0.05;
    public static final double DEFAULT_FALSE_DISCOVERY_RATE = 0.05;
    /** With 2 rounds the t interval has one degree of freedom (t = 12.7): useless. 3 is the least that says anything. */
    public static final int DEFAULT_MIN_ROUNDS = 3;

    public RegressionRule {
        if (!(threshold >= 0 && threshold < 1)) throw new IllegalArgumentException("threshold must be in [0, 1): " + threshold);
        if (!(falseDiscoveryRate > 0 && falseDiscoveryRate < 1)) {
            throw new IllegalArgumentException("false discovery rate must be in (0, 1): " + falseDiscoveryRate);
        }
        if (minRounds < PairedRatio.MIN_ROUNDS) {
            throw new IllegalArgumentException("minRounds must be at least " + PairedRatio.MIN_ROUNDS + ": " + minRounds);
        }
    }

    public static RegressionRule withDefaults() {
        return new RegressionRule(DEFAULT_THRESHOLD, DEFAULT_FALSE_DISCOVERY_RATE, DEFAULT_MIN_ROUNDS);
    }

    /** Judges all the figures at once (the correction depends on how many are judged). */
    public List<FigureJudgement> judge(List<PairedFigure> figures) {
        List<PairedRatio> ratios = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (PairedFigure figure : figures) {
            PairedRatio ratio = figure.rounds() < minRounds ? null
                    : PairedRatio.of(figure.headPerRound(), figure.basePerRound(), 1 - falseDiscoveryRate);
            ratios.add(ratio);
            if (ratio != null) pValues.add(ratio.pValue());
        }
        boolean[] significant = BenjaminiHochberg.rejected(pValues.stream().mapToDouble(Double::doubleValue).toArray(),
                falseDiscoveryRate);
        List<FigureJudgement> judgements = new ArrayList<>();
        int tested = 0;
        for (int i = 0; i < figures.size(); i++) {
            PairedFigure figure = figures.get(i);
            PairedRatio ratio = ratios.get(i);
            judgements.add(ratio == null ? tooFewRounds(figure) : judgeOne(figure, ratio, significant[tested++]));
        }
        return judgements;
    }

    private FigureJudgement tooFewRounds(PairedFigure figure) {
        return new FigureJudgement(figure.name(), GateOutcome.INCONCLUSIVE, null, String.format(Locale.ROOT,
                "only %d paired round(s); the gate needs at least %d", figure.rounds(), minRounds));
    }

    private FigureJudgement judgeOne(PairedFigure figure, PairedRatio ratio, boolean significant) {
        double limit = Math.log1p(threshold);
        double logRatio = ratio.logRatio();
        String numbers = String.format(Locale.ROOT, "head/base %.3f [%.3f, %.3f] over %d rounds, p = %.3g",
                ratio.ratio(), ratio.low(), ratio.high(), ratio.rounds(), ratio.pValue());
        if (significant && Math.abs(logRatio) >= limit) {
            boolean worse = figure.direction() == Metric.Direction.BIGGER_IS_BETTER ? logRatio < 0 : logRatio > 0;
            return new FigureJudgement(figure.name(), worse ? GateOutcome.REGRESSION : GateOutcome.IMPROVEMENT, ratio,
                    String.format(Locale.ROOT, "%s: %+.1f%%, beyond the %.0f%% threshold and significant at FDR %.2f",
                            numbers, 100 * ratio.relativeChange(), 100 * threshold, falseDiscoveryRate));
        }
        if (Math.log(ratio.low()) > -limit && Math.log(ratio.high()) < limit) {
            return new FigureJudgement(figure.name(), GateOutcome.NO_CHANGE, ratio, String.format(Locale.ROOT,
                    "%s: within ±%.0f%%", numbers, 100 * threshold));
        }
        double detectable = MinimumDetectableEffect.relativeChange(ratio.logSd(), ratio.rounds(), falseDiscoveryRate,
                MinimumDetectableEffect.DEFAULT_POWER);
        String why = significant
                ? String.format(Locale.ROOT, "a change of %+.1f%% is likely real but below the %.0f%% threshold, and the "
                        + "interval reaches past it", 100 * ratio.relativeChange(), 100 * threshold)
                : String.format(Locale.ROOT, "too noisy to decide at ±%.0f%%: between-round CV %.1f%%, so %d rounds "
                        + "detect only about ±%.0f%%", 100 * threshold, 100 * ratio.logSd(), ratio.rounds(), 100 * detectable);
        return new FigureJudgement(figure.name(), GateOutcome.INCONCLUSIVE, ratio, numbers + ": " + why);
    }
}
