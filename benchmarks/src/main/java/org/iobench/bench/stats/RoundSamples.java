package org.iobench.bench.stats;

import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Median;

/**
 * One figure measured as R rounds (one fork each) of k measured iterations: {@code values[round][iteration]}.
 * Rounds may have different iteration counts (a disturbed iteration measured again adds one). The
 * iterations of one fork share its JIT decisions, heap layout and the machine's weather at that time, so
 * they are not independent samples of the figure; the round is the independent unit.
 */
public record RoundSamples(double[][] values) {

    /** Copies: an in-place median would reorder the rounds' iterations (and so what a seeded resample draws). */
    private static final Median MEDIAN = Median.withDefaults().withCopy(true);

    public RoundSamples {
        if (values.length == 0) throw new IllegalArgumentException("no rounds");
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            if (values[r].length == 0) throw new IllegalArgumentException("round " + r + " has no iterations");
            for (double v : values[r]) {
                if (!Double.isFinite(v)) throw new IllegalArgumentException("round " + r + " has a non-finite value: " + v);
            }
            copy[r] = values[r].clone();
        }
        values = copy;
    }

    public static RoundSamples of(double[]... rounds) {
        return new RoundSamples(rounds);
    }

    public int rounds() {
        return values.length;
    }

    /** The per-round figure: the median of that round's iterations (robust to one disturbed iteration). */
    public double[] roundMedians() {
        return Arrays.stream(values).mapToDouble(MEDIAN::evaluate).toArray();
    }

    /** The figure: the median of the round medians. */
    public double medianOfRoundMedians() {
        return MEDIAN.evaluate(roundMedians());
    }

    /** Every iteration of every round in one array (for a single-level view, e.g. when R = 1). */
    public double[] pooled() {
        return Arrays.stream(values).flatMapToDouble(Arrays::stream).toArray();
    }

    double[] round(int r) {
        return values[r];
    }
}
