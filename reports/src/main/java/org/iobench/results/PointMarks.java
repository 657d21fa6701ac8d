package org.iobench.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What every chart draws around a figure besides its line: the interval, and the marks for noisy and
 * client-bound points, with their legend notes.
 *
 * <p>Intervals are their own two-point series from low to high, not XChart error bars: XChart's error
 * bars are symmetric (value ± error), and the intervals over rounds are not (a median with an
 * order-statistic or bootstrap interval), and on a log axis a symmetric bar reaching 0 had to be clipped
 * to a made-up bound. A segment from low to high is exact on every axis type. An interval whose lower end
 * is not positive cannot sit on a log axis and is left out (the point is then hollow: such an interval
 * is far wider than the noisy threshold), never cut to a fake bound.
 */
final class PointMarks {

    /** Where a figure's value runs: up the y axis (charts against connections) or along x (ranked charts). */
    enum Orientation { VALUE_ON_Y, VALUE_ON_X }

    static final String NOISY_NOTE = "hollow: noisy (interval beyond ±"
            + Math.round(MarkdownSummary.NOISY_SPREAD * 100) + "%, or disturbed)";
    static final String CLIENT_BOUND_NOTE = "×: client-bound (the driver, not the server, was the limit)";
    private static final Color NOTE_COLOUR = new Color(0x60, 0x60, 0x60);
    private static final String HIDDEN_PREFIX = "\u200b"; // series names the legend never shows

    private PointMarks() {
    }

    /** The name of a series that is not in the legend (unique per chart, invisible if ever shown). */
    static String hiddenName(String what) {
        return HIDDEN_PREFIX + what;
    }

    /** The interval [low, high] of one point as a thin segment in the implementation's colour. */
    static void interval(XYChart chart, String seriesName, ChartPoint point, double position, Orientation orientation,
                         Color colour, float widthPixels, boolean logValueAxis) {
        if (!point.hasInterval() || (logValueAxis && point.low() <= 0)) {
            return;
        }
        double[] positions = {position, position};
        double[] values = {point.low(), point.high()};
        XYSeries series = orientation == Orientation.VALUE_ON_Y
                ? chart.addSeries(seriesName, positions, values)
                : chart.addSeries(seriesName, values, positions);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setLineStyle(new BasicStroke(widthPixels, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        series.setShowInLegend(false);
    }

    /**
     * Hollow markers over the noisy points and a black × over the client-bound ones, as scatter series
     * drawn after the implementation's own (filled) markers; x/y are the points' drawn positions.
     */
    static void flags(XYChart chart, String impl, String seriesKey, List<ChartPoint> points, double[] x, double[] y) {
        overlay(chart, hiddenName(seriesKey + " noisy"), points, x, y, true,
                new HollowMarker(ImplPalette.marker(impl)), ImplPalette.colour(impl));
        overlay(chart, hiddenName(seriesKey + " client-bound"), points, x, y, false, SeriesMarkers.CROSS, Color.BLACK);
    }

    private static void overlay(XYChart chart, String name, List<ChartPoint> points, double[] x, double[] y,
                                boolean noisy, Marker marker, Color colour) {
        double[] flaggedX = new double[points.size()];
        double[] flaggedY = new double[points.size()];
        int count = 0;
        for (int i = 0; i < points.size(); i++) {
            if (noisy ? points.get(i).noisy() : points.get(i).clientBound()) {
                flaggedX[count] = x[i];
                flaggedY[count++] = y[i];
            }
        }
        if (count == 0) {
            return;
        }
        XYSeries series = chart.addSeries(name, Arrays.copyOf(flaggedX, count), Arrays.copyOf(flaggedY, count));
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(marker);
        series.setMarkerColor(colour);
        series.setShowInLegend(false);
    }

    /**
     * Legend entries explaining the marks, only for the marks the chart actually shows. {@code onChartY}
     * is a y value the chart already has (or NaN): see {@link #legendOnly}.
     */
    static void legendNotes(XYChart chart, List<ChartPoint> drawn, double onChartY) {
        if (drawn.stream().anyMatch(ChartPoint::noisy)) {
            legendOnly(chart, NOISY_NOTE, new HollowMarker(SeriesMarkers.CIRCLE), onChartY);
        }
        if (drawn.stream().anyMatch(ChartPoint::clientBound)) {
            legendOnly(chart, CLIENT_BOUND_NOTE, SeriesMarkers.CROSS, onChartY);
        }
    }

    /**
     * A series with no drawable point, listed in the legend: its x is NaN, which XChart neither draws nor
     * scales by. Its y is one the chart already has, so that the y values stay those of the chart (a
     * ranked chart's tick labels rely on its rows being the only, equally spaced, y values).
     */
    private static void legendOnly(XYChart chart, String note, Marker marker, double onChartY) {
        XYSeries series = chart.addSeries(note, new double[] {Double.NaN}, new double[] {onChartY});
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(marker);
        series.setMarkerColor(NOTE_COLOUR);
        series.setLineStyle(SeriesLines.NONE);
    }
}
