package org.iobench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.iobench.bench.stats.HistogramLogs;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The open-loop latency of one (connections, rate) panel as a percentile spectrum: latency against
 * percentile on the usual 1/(1−p) log axis (HdrHistogram's plots: 90%, 99%, 99.9% ... one decade
 * apart), one line per implementation, from the merged histogram of every measured iteration of every
 * round (the run's {@code .hlog} files, warm-up intervals left out). The whole distribution, not five
 * numbers: where a tail bends away is where a model starts to queue.
 *
 * <p>The axis is drawn linear in log10(1/(1−p)), which is the same picture as a log axis of 1/(1−p) and lets
 * the ticks carry percentile labels (XChart's log axes only take a number pattern).
 */
final class PercentileSpectrumChart {

    /** Points per decade of 1/(1−p): smooth enough for a tail that jumps within a decade. */
    static final int POINTS_PER_DECADE = 40;
    /** The spectrum stops at 99.999%, or where the histogram holds fewer than one value beyond p. */
    static final double MAX_DECADES = 5;
    static final double NANOS_PER_MICRO = 1_000;

    private PercentileSpectrumChart() {
    }

    /** The axis position of percentile p (a fraction): log10(1/(1−p)), so 90% is 1, 99% is 2, 99.9% is 3. */
    static double position(double p) {
        return Math.log10(1 / (1 - p));
    }

    /** The percentile (a fraction) at an axis position: the inverse of {@link #position}. */
    static double percentileAt(double position) {
        return 1 - Math.pow(10, -position);
    }

    /** Tick label of an axis position: "99.9%" at 3; blank between the labelled percentiles. */
    static String label(double position) {
        long decade = Math.round(position);
        if (Math.abs(position - decade) < 1e-6 && decade >= 0) {
            return decade == 0 ? "0%" : String.format(Locale.ROOT, "%." + Math.max(0, decade - 2) + "f%%",
                    100 * percentileAt(decade));
        }
        return Math.abs(position - position(0.5)) < 1e-6 ? "50%" : " ";
    }

    /** Axis positions and latencies (µs) of one merged histogram, from p = 0 up to its resolution. */
    static double[][] spectrum(Histogram histogram) {
        double decades = Math.min(MAX_DECADES, Math.log10(histogram.getTotalCount()));
        int points = (int) Math.floor(decades * POINTS_PER_DECADE) + 1;
        double[] x = new double[points];
        double[] micros = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = (double) i / POINTS_PER_DECADE;
            micros[i] = histogram.getValueAtPercentile(100 * percentileAt(x[i])) / NANOS_PER_MICRO;
        }
        return new double[][] {x, micros};
    }

    /** One chart per connection count of a LatencyBenchmark panel; empty where no result has its logs. */
    static Optional<XYChart> draw(Panel panel, long connections, RunDir run, RoundFigures rounds) {
        String title = "Latency spectrum: " + panel.describe() + ", " + connections + " connections (open loop)";
        XYChart chart = ChartFiles.newChart(title, "percentile (log scale of 1/(1-p))", "latency µs, log scale (lower is better)");
        ChartFiles.valueAxisY(chart, ChartFiles.Scale.LOG);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(PercentileSpectrumChart::label);
        List<ChartPoint> drawn = new ArrayList<>();
        for (String impl : panel.impls()) {
            for (BenchResult result : panel.ofImpl(impl)) {
                if (result.longParam(Panel.CONNECTIONS) != connections || !result.hasFigure()) {
                    continue;
                }
                List<Path> logs = rounds.hlogPaths(result.key(), run.dir());
                if (logs.isEmpty()) {
                    continue;
                }
                Histogram merged = HistogramLogs.mergeMeasured(logs);
                if (merged.getTotalCount() == 0) {
                    continue;
                }
                double[][] spectrum = spectrum(merged);
                XYSeries line = chart.addSeries(PointMarks.hiddenName(impl + " spectrum"), spectrum[0], spectrum[1]);
                line.setLineColor(ImplPalette.colour(impl));
                line.setLineStyle(ChartFiles.solid());
                line.setMarker(SeriesMarkers.NONE);
                line.setShowInLegend(false);
                decadeMarkers(chart, impl, spectrum);
                ChartPoint.of(result, "latency.p99", connections).ifPresent(drawn::add);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return Optional.empty();
        }
        markFlagged(chart, drawn);
        return Optional.of(chart);
    }

    /**
     * The implementation's marker where the line crosses each labelled decade (0%, 90%, 99% ...): a marker
     * on every one of the line's points would bury it. This series carries the legend entry.
     */
    private static void decadeMarkers(XYChart chart, String impl, double[][] spectrum) {
        int decades = (spectrum[0].length - 1) / POINTS_PER_DECADE + 1;
        double[] x = new double[decades];
        double[] y = new double[decades];
        for (int d = 0; d < decades; d++) {
            x[d] = spectrum[0][d * POINTS_PER_DECADE];
            y[d] = spectrum[1][d * POINTS_PER_DECADE];
        }
        XYSeries markers = chart.addSeries(impl, x, y);
        markers.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        markers.setMarker(ImplPalette.marker(impl));
        markers.setMarkerColor(ImplPalette.colour(impl));
    }

    /** A spectrum has no points to hollow out: noisy or client-bound lines are named so in the legend. */
    private static void markFlagged(XYChart chart, List<ChartPoint> points) {
        for (ChartPoint point : points) {
            String suffix = (point.noisy() ? " (noisy)" : "") + (point.clientBound() ? " (client-bound)" : "");
            if (!suffix.isEmpty()) {
                XYSeries series = chart.getSeriesMap().get(point.impl());
                series.setLabel(point.impl() + suffix);
            }
        }
    }
}
