package org.iobench.results.stats;

import org.iobench.bench.stats.PairedRatio;

/**
 * The gate's verdict on one figure, with the numbers behind it.
 *
 * @param figure  the figure's name
 * @param outcome the verdict
 * @param ratio   head/base with its interval and p-value; null when too few rounds to compute one
 * @param reason  one sentence a reader can check against the numbers
 */
public record FigureJudgement(String figure, GateOutcome outcome, PairedRatio ratio, String reason) {
}
