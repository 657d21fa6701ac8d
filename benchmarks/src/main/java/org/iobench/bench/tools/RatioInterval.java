package org.iobench.bench.tools;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The median of paired per-round ratios with a 95% percentile-bootstrap interval: resample the
 * rounds with replacement, take each resample's median, and report the 2.5th and 97.5th percentiles
 * of those medians. No normality assumed and never outside the observed ratios. The seed is fixed
 * so the same rounds always give the same interval.
 *
 * @param median the median of the ratios
 * @param lower  the 2.5th percentile of the bootstrap medians
 * @param upper  the 97.5th percentile
 * @param rounds how many paired rounds it rests on
 */
record RatioInterval(double median, double lower, double upper, int rounds) {
    static final int RESAMPLES = 10_000;
    private static final long SEED = 0x1B0BE4C1L;

    static RatioInterval of(double[] ratios) {
        if (ratios.length == 0) throw new IllegalArgumentException("no ratios");
        SplittableRandom random = new SplittableRandom(SEED);
        double[] medians = new double[RESAMPLES];
        double[] resample = new double[ratios.length];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < resample.length; i++) resample[i] = ratios[random.nextInt(ratios.length)];
            medians[b] = median(resample);
        }
        Arrays.sort(medians);
        return new RatioInterval(median(ratios.clone()), percentile(medians, 2.5), percentile(medians, 97.5), ratios.length);
    }

    /** Median; sorts its argument. */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    @Override
    public String toString() {
        return String.format("%.3f [%.3f, %.3f]", median, lower, upper);
    }
}
