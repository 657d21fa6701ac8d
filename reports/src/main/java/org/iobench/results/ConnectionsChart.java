package org.iobench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * A figure against connections (log x): one line per implementation in its colour and marker, each
 * point with its full interval as a thin vertical segment, noisy and client-bound points marked.
 *
 * <p>Each implementation's points are nudged sideways by a small fixed factor (a "dodge"), so that twelve
 * intervals at the same connection count sit side by side instead of hiding each other; the nudge is
 * at most a tenth of a decade either side, far less than the gap between the counts a run measures.
 */
final class ConnectionsChart {

    /** Sideways step between neighbouring lines, in decades of x (about 5% in connections). */
    static final double DODGE_DECADES = 0.02;
    static final String X_TITLE = "connections (log scale; lines nudged sideways so intervals do not overlap)";
    private static final float INTERVAL_WIDTH_PIXELS = 1.5f;

    private ConnectionsChart() {
    }

    /** Where line {@code index} of {@code lines} draws a point measured at {@code x}. */
    static double dodged(double x, int index, int lines) {
        return x * Math.pow(10, (index - (lines - 1) / 2.0) * DODGE_DECADES);
    }

    /** The chart, or empty when no line has a point it can draw. */
    static Optional<XYChart> draw(String title, String yTitle, ChartFiles.Scale yScale, List<ChartLine> lines,
                                  Optional<Double> referenceLine) {
        return draw(title, X_TITLE, yTitle, yScale, lines, referenceLine);
    }

    /** The same against another quantity on the log x axis (message size, for one). */
    static Optional<XYChart> draw(String title, String xTitle, String yTitle, ChartFiles.Scale yScale, List<ChartLine> lines,
                                  Optional<Double> referenceLine) {
        XYChart chart = ChartFiles.newChart(title, xTitle, yTitle);
        ChartFiles.logConnectionsX(chart);
        ChartFiles.valueAxisY(chart, yScale);
        boolean logY = yScale == ChartFiles.Scale.LOG;
        List<ChartPoint> drawn = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            ChartLine line = lines.get(index);
            List<ChartPoint> points = line.points().stream().filter(p -> !logY || p.value() > 0).toList();
            if (points.isEmpty()) {
                continue; // a value of 0 cannot sit on a log axis; the table in summary.md still shows it
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                x[i] = dodged(points.get(i).x(), index, lines.size());
                y[i] = points.get(i).value();
                PointMarks.interval(chart, PointMarks.hiddenName(line.label() + " interval " + i), points.get(i), x[i],
                        PointMarks.Orientation.VALUE_ON_Y, ImplPalette.colour(line.impl()), INTERVAL_WIDTH_PIXELS, logY);
            }
            XYSeries series = chart.addSeries(line.label(), x, y);
            series.setLineColor(ImplPalette.colour(line.impl()));
            series.setMarkerColor(ImplPalette.colour(line.impl()));
            series.setMarker(ImplPalette.marker(line.impl()));
            series.setLineStyle(line.runIndex() == 0 ? ChartFiles.solid() : ChartFiles.dashed(line.runIndex()));
            PointMarks.flags(chart, line.impl(), line.label(), points, x, y);
            drawn.addAll(points);
        }
        referenceLine.ifPresent(at -> ChartFiles.referenceLine(chart, at, false));
        PointMarks.legendNotes(chart, drawn, Double.NaN);
        return drawn.isEmpty() ? Optional.empty() : Optional.of(chart);
    }
}
