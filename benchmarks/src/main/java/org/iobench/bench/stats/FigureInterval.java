package org.iobench.bench.stats;

/**
 * Which interval a figure measured in rounds gets, by the number of rounds, from the coverage each method
 * reached by simulation (docs/statistics.md): with lognormal rounds (between-round σ 0.15, within 0.05,
 * k = 5) the two-level percentile bootstrap covered the true median 91% of the time at R = 5, 92% at
 * R = 7 and about 95.5% at R = 10 and 20; the order-statistic interval keeps its promise at every R but is
 * coarser (its half-width at R = 10: 15% against the bootstrap's 11%).
 *
 * <ul>
 *   <li>R = 1: bootstrap over the iterations, flagged {@link IntervalEstimate.ResamplingLevel#ITERATIONS_ONLY};</li>
 *   <li>2 ≤ R &lt; {@value #MIN_ROUNDS_FOR_BOOTSTRAP}: the exact order-statistic interval;</li>
 *   <li>R ≥ {@value #MIN_ROUNDS_FOR_BOOTSTRAP}: the two-level bootstrap.</li>
 * </ul>
 */
public final class FigureInterval {

    public static final int MIN_ROUNDS_FOR_BOOTSTRAP = 10;

    private FigureInterval() {
    }

    /** The median of round medians with a 95% interval by the method that suits R. */
    public static IntervalEstimate of(RoundSamples samples) {
        int rounds = samples.rounds();
        if (rounds == 1 || rounds >= MIN_ROUNDS_FOR_BOOTSTRAP) {
            return HierarchicalBootstrap.withDefaults().medianOfRoundMedians(samples);
        }
        return OrderStatisticInterval.medianOfRoundMedians(samples, HierarchicalBootstrap.DEFAULT_CONFIDENCE);
    }

    /** The same for one value per round (a paired per-round ratio, say). */
    public static IntervalEstimate ofRoundValues(double[] perRound) {
        double[][] rounds = new double[perRound.length][];
        for (int r = 0; r < rounds.length; r++) rounds[r] = new double[] {perRound[r]};
        return of(new RoundSamples(rounds));
    }
}
