package org.iobench.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A panel measured at one connection count: the implementations ranked best first, top to bottom, each
 * a horizontal bar to its median with its full interval over it, names on the axis. A single x value
 * drawn against connections is a vertical pile of points; ranked, it answers "who is best, by how much,
 * and how sure".
 *
 * <p>Bars only on a linear axis from 0, where a bar's length is the figure; on a log axis (no zero) and
 * for ratios (where 1 is the landmark) the same ranking is drawn as dots.
 */
final class RankedChart {

    /** Bar thickness as a share of a row's height. */
    static final double BAR_SHARE_OF_ROW = 0.6;
    private static final double PLOT_HEIGHT_PIXELS = ChartFiles.HEIGHT_PIXELS * 0.75;
    private static final Color INTERVAL_COLOUR = new Color(0x20, 0x20, 0x20);
    private static final float INTERVAL_WIDTH_PIXELS = 2.0f;

    private RankedChart() {
    }

    /** Best first: descending when bigger is better, ascending otherwise; ties keep catalogue order. */
    static List<ChartPoint> ranked(List<ChartPoint> points, Metric.Direction direction) {
        Comparator<ChartPoint> byValue = Comparator.comparingDouble(ChartPoint::value);
        if (direction == Metric.Direction.BIGGER_IS_BETTER) {
            byValue = byValue.reversed();
        }
        return points.stream().sorted(byValue.thenComparing(ChartPoint::impl, ImplPalette.ORDER)).toList();
    }

    /** The row (y position) of rank {@code rank} of {@code count}: the best at the top. */
    static double row(int rank, int count) {
        return count - 1 - rank;
    }

    static Optional<XYChart> draw(String title, String valueTitle, ChartFiles.Scale scale, List<ChartPoint> points,
                                  Metric.Direction direction, Optional<Double> referenceLine) {
        boolean log = scale == ChartFiles.Scale.LOG;
        List<ChartPoint> best = ranked(points.stream().filter(p -> !log || p.value() > 0).toList(), direction);
        if (best.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = ChartFiles.newChart(title, valueTitle, null);
        chart.getStyler().setLegendPosition(XYStyler.LegendPosition.OutsideS); // the names already take the left
        ChartFiles.valueAxisX(chart, scale);
        implementationAxis(chart, best);
        boolean bars = scale == ChartFiles.Scale.LINEAR_FROM_ZERO;
        float barPixels = (float) Math.min(40, PLOT_HEIGHT_PIXELS / best.size() * BAR_SHARE_OF_ROW);
        // bottom row first: the axis's tick labels need the rows' y values in ascending order (below)
        for (int rank = best.size() - 1; rank >= 0; rank--) {
            ChartPoint point = best.get(rank);
            double y = row(rank, best.size());
            Color colour = ImplPalette.colour(point.impl());
            if (bars) {
                XYSeries bar = chart.addSeries(PointMarks.hiddenName(point.impl() + " bar"),
                        new double[] {0, point.value()}, new double[] {y, y});
                bar.setMarker(SeriesMarkers.NONE);
                bar.setLineColor(translucent(colour));
                bar.setLineStyle(new BasicStroke(barPixels, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
                bar.setShowInLegend(false);
            }
            PointMarks.interval(chart, PointMarks.hiddenName(point.impl() + " interval"), point, y,
                    PointMarks.Orientation.VALUE_ON_X, bars ? INTERVAL_COLOUR : colour, INTERVAL_WIDTH_PIXELS, log);
            double[] x = {point.value()};
            double[] yPosition = {y};
            XYSeries median = chart.addSeries(point.impl(), x, yPosition);
            median.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            median.setMarker(ImplPalette.marker(point.impl()));
            median.setMarkerColor(colour);
            median.setShowInLegend(best.size() == 1); // the axis names the implementations
            PointMarks.flags(chart, point.impl(), point.impl(), List.of(point), x, yPosition);
        }
        referenceLine.ifPresent(at -> ChartFiles.referenceLine(chart, at, true));
        PointMarks.legendNotes(chart, best, row(0, best.size()));
        chart.getStyler().setLegendVisible(best.size() == 1 || best.stream().anyMatch(p -> p.noisy() || p.clientBound()));
        return Optional.of(chart);
    }

    /**
     * Implementation names as the y axis's tick labels, one per row. XChart puts ticks only at the data's
     * y values when the list [axis min, y values in the order first drawn, axis max] is equally spaced, and
     * it needs every tick label to differ: so the rows are drawn bottom up, the axis spans one row beyond
     * each end, and the two labels there are blank but different (one space, two). With one row there is no spacing, so
     * the single implementation is named in the legend instead.
     */
    private static void implementationAxis(XYChart chart, List<ChartPoint> best) {
        int count = best.size();
        chart.getStyler().setYAxisMin(-1.0);
        chart.getStyler().setYAxisMax((double) count);
        if (count == 1) {
            chart.getStyler().setYAxisTicksVisible(false);
            return;
        }
        chart.getStyler().setyAxisTickLabelsFormattingFunction(y -> {
            int rank = count - 1 - (int) Math.round(y);
            return rank >= count ? " " : rank < 0 ? "  " : best.get(rank).impl();
        });
    }

    /** The bar in the implementation's colour, light enough for the interval drawn over it to stand out. */
    private static Color translucent(Color colour) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 0x70);
    }
}
