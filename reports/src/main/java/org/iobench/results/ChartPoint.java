package org.iobench.results;

import java.util.Optional;

/**
 * One figure as a chart draws it: where it sits on x, its median and its interval [low, high] as the run
 * reported them (asymmetric; NaN when no interval is known), and the two warnings a reader must see on
 * the chart itself, not only in summary.md.
 *
 * @param noisy       the interval's wider side exceeds {@link MarkdownSummary#NOISY_SPREAD} of the figure, or
 *                    some measured iteration was flagged disturbed (the table's ‡ rule, plus disturbed)
 * @param clientBound the driver, not the server, was the limit (the table's †): a floor, not the server's figure
 */
record ChartPoint(String impl, double x, double value, double low, double high, boolean noisy, boolean clientBound) {

    static final String DISTURBED_METRIC = "disturbed";

    /** The figure of one metric of a result, or empty when the result has none a chart may show. */
    static Optional<ChartPoint> of(BenchResult result, String metric, double x) {
        Optional<Measure> measure = result.metric(metric);
        if (!result.hasFigure() || measure.isEmpty() || !Double.isFinite(measure.get().score())) {
            return Optional.empty();
        }
        Measure m = measure.get();
        boolean wide = m.relativeSpread() > MarkdownSummary.NOISY_SPREAD; // NaN (no interval) compares false
        return Optional.of(new ChartPoint(result.impl(), x, m.score(), m.ciLow(), m.ciHigh(), wide || disturbed(result),
                result.clientBound()));
    }

    /** Some measured iteration of the result passed the interference threshold. */
    static boolean disturbed(BenchResult result) {
        return result.metric(DISTURBED_METRIC).map(d -> d.score() > 0).orElse(false);
    }

    boolean hasInterval() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    /** Whether the whole point (figure and interval) can sit on a log axis. */
    boolean fitsLogAxis() {
        return value > 0 && (!hasInterval() || low > 0);
    }

    /** The same point with an exact value (no interval): the reference divided by itself. */
    ChartPoint exactly(double exactValue) {
        return new ChartPoint(impl, x, exactValue, exactValue, exactValue, noisy, clientBound);
    }
}
