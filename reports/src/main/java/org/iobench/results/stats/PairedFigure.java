package org.iobench.results.stats;

import org.iobench.bench.stats.RoundSamples;
import org.iobench.results.Metric;

/**
 * One gated figure as base and head measured it in the same interleaved rounds (A B A B): element r of
 * each array is that side's figure in round r (the median of its iterations there,
 * {@link RoundSamples#roundMedians()}). The direction says which way is better.
 */
public record PairedFigure(String name, Metric.Direction direction, double[] basePerRound, double[] headPerRound) {

    public PairedFigure {
        if (direction == Metric.Direction.NEITHER) {
            throw new IllegalArgumentException("'" + name + "' has no better direction, so it cannot be gated");
        }
        if (basePerRound.length != headPerRound.length) {
            throw new IllegalArgumentException("'" + name + "': base has " + basePerRound.length + " rounds, head "
                    + headPerRound.length + "; a paired comparison needs both in every round");
        }
        basePerRound = basePerRound.clone();
        headPerRound = headPerRound.clone();
    }

    public static PairedFigure of(String name, Metric.Direction direction, RoundSamples base, RoundSamples head) {
        return new PairedFigure(name, direction, base.roundMedians(), head.roundMedians());
    }

    public int rounds() {
        return basePerRound.length;
    }
}
