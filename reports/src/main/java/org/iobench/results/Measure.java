package org.iobench.results;

/**
 * One figure: the score, its error (half the width of its confidence interval) and the interval
 * itself. In runs made in rounds the score is the median of the rounds and the interval a 95% one
 * over the rounds (RoundSummary in the benchmarks module); in older runs, JMH's mean and 99.9%
 * interval. "NaN" error and interval (no interval could be computed) stay NaN here and mean "no
 * interval known", never "exact".
 */
public record Measure(double score, double error, double ciLow, double ciHigh, String unit) {

    /** Known interval; may be infinite (a ratio whose divisor may be 0), which overlaps everything. */
    public boolean hasInterval() {
        return !Double.isNaN(ciLow) && !Double.isNaN(ciHigh);
    }

    /**
     * The wider side of the interval relative to the figure (intervals over rounds need not be
     * symmetric); NaN when there is no finite interval.
     */
    public double relativeSpread() {
        if (!hasInterval() || !Double.isFinite(ciLow) || !Double.isFinite(ciHigh) || score == 0) return Double.NaN;
        return Math.max(score - ciLow, ciHigh - score) / Math.abs(score);
    }

    /** A finite interval that reaches 0 from both sides (or touches it) around a non-zero figure: its sign is unknown. */
    public boolean includesZero() {
        return hasInterval() && Double.isFinite(ciLow) && Double.isFinite(ciHigh) && ciLow <= 0 && ciHigh >= 0 && score != 0;
    }

    /** Error usable for error bars: 0 when JMH gave none. */
    public double errorOrZero() {
        return Double.isFinite(error) ? error : 0;
    }

    /** True when the two intervals share at least one point (both must be known). */
    public boolean overlaps(Measure other) {
        return !(ciHigh < other.ciLow || other.ciHigh < ciLow);
    }

    /**
     * This figure divided by a reference figure measured in the same run, with the interval propagated
     * conservatively: the widest ratio the two intervals allow. A divisor interval reaching 0 (or a
     * negative numerator bound) makes the ratio's interval unbounded, so it can never prove a change.
     */
    public Measure dividedBy(Measure reference) {
        double value = score / reference.score;
        double low = Double.NaN;
        double high = Double.NaN;
        if (hasInterval() && reference.hasInterval()) {
            boolean positive = ciLow >= 0 && reference.ciLow > 0;
            low = positive ? ciLow / reference.ciHigh : Double.NEGATIVE_INFINITY;
            high = positive ? ciHigh / reference.ciLow : Double.POSITIVE_INFINITY;
        }
        double halfWidth = Double.isFinite(low) && Double.isFinite(high) ? (high - low) / 2 : Double.NaN;
        return new Measure(value, halfWidth, low, high, "x " + unit);
    }
}
