package org.iobench.bench.stats;

/**
 * A figure with its confidence interval and what the interval accounts for.
 *
 * @param value      the point estimate (median of round medians)
 * @param low        lower bound of the interval
 * @param high       upper bound of the interval
 * @param confidence the interval's nominal coverage, e.g. 0.95
 * @param level      the levels whose variance the interval accounts for, to be stated next to the figure
 * @param method     how the interval was computed, to be stated next to the figure
 */
public record IntervalEstimate(double value, double low, double high, double confidence, ResamplingLevel level,
                               String method) {

    public enum ResamplingLevel {
        /** Rounds, then iterations within each chosen round: between-fork variance is in the interval. */
        ROUNDS_THEN_ITERATIONS("rounds, then iterations"),
        /**
         * Only one round: the interval reflects the noise between iterations of one fork and says nothing
         * about how a second fork would differ. Report it flagged, never as if it were the full interval.
         */
        ITERATIONS_ONLY("iterations of a single round (between-round variance unknown)");

        public final String description;

        ResamplingLevel(String description) {
            this.description = description;
        }
    }

    /** Half the interval's width relative to the value (the precision targets of issue 8 use this). */
    public double relativeHalfWidth() {
        return (high - low) / 2 / Math.abs(value);
    }

    public boolean contains(double x) {
        return low <= x && x <= high;
    }
}
