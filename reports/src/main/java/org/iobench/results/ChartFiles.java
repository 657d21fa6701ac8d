package org.iobench.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.XYStyler;

/**
 * The common look of every chart, its axes, and writing one as PNG. PNG only: the charts are for
 * summary.md and the README, and committed runs stay lean (an SVG of a chart is 5-10 times its PNG).
 */
final class ChartFiles {

    static final int WIDTH_PIXELS = 1000;
    static final int HEIGHT_PIXELS = 600;
    /** Above this span a log axis labels decades only. */
    static final double DECADES_FOR_DECADE_LABELS = 1.3;
    private static final String XAXIS_CONNECTIONS = "#,##0";
    /** Ratios read as 0.95, 1.1: no trailing zeros. */
    static final String RATIO_PATTERN = "0.###";

    /** How a value axis is scaled. */
    enum Scale {
        /** Linear from 0: a linear axis cut above 0 exaggerates differences, so absolute figures start at 0. */
        LINEAR_FROM_ZERO,
        /** Linear around the data: for ratios, where 1 (the reference) is the landmark, not 0. */
        LINEAR,
        /** Log: for figures spanning decades (latency, memory per connection). */
        LOG
    }

    private ChartFiles() {
    }

    static XYChart newChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH_PIXELS).height(HEIGHT_PIXELS)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(XYStyler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xe0, 0xe0, 0xe0));
        styler.setPlotBorderColor(new Color(0xa0, 0xa0, 0xa0));
        styler.setLegendBorderColor(new Color(0xc0, 0xc0, 0xc0));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setMarkerSize(8);
        styler.setAntiAlias(true);
        return chart;
    }

    /** Connections on a log x axis with decade labels 1, 10, 100 ... */
    static void logConnectionsX(XYChart chart) {
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setXAxisLogarithmicDecadeOnly(true);
        // No tick-label formatting function on a log axis: XChart then falls back to linear ticks
        // (labels no longer match the points). A decimal pattern keeps the log ticks.
        styler.setXAxisDecimalPattern(XAXIS_CONNECTIONS);
    }

    static void valueAxisY(XYChart chart, Scale scale) {
        XYStyler styler = chart.getStyler();
        styler.setYAxisLogarithmic(scale == Scale.LOG);
        switch (scale) {
            case LOG -> styler.setYAxisDecimalPattern("#,##0.###"); // 10,000 rather than 1E4
            case LINEAR -> styler.setYAxisDecimalPattern(RATIO_PATTERN);
            case LINEAR_FROM_ZERO -> styler.setyAxisTickLabelsFormattingFunction(Numbers::tick); // 120k, not 120000
        }
        if (scale == Scale.LINEAR_FROM_ZERO) {
            styler.setYAxisMin(0.0);
        }
    }

    static void valueAxisX(XYChart chart, Scale scale) {
        XYStyler styler = chart.getStyler();
        styler.setXAxisLogarithmic(scale == Scale.LOG);
        switch (scale) {
            case LOG -> styler.setXAxisDecimalPattern("#,##0.###");
            case LINEAR -> styler.setXAxisDecimalPattern(RATIO_PATTERN);
            case LINEAR_FROM_ZERO -> styler.setxAxisTickLabelsFormattingFunction(Numbers::tick);
        }
        if (scale == Scale.LINEAR_FROM_ZERO) {
            styler.setXAxisMin(0.0);
        }
    }

    /** A thin dashed grey line across the plot at {@code at}: the reference (ratio 1) on ratio charts. */
    static void referenceLine(XYChart chart, double at, boolean vertical) {
        chart.getStyler().setAnnotationLineColor(new Color(0x70, 0x70, 0x70));
        chart.getStyler().setAnnotationLineStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
                10f, new float[] {6f, 4f}, 0f));
        chart.addAnnotation(new AnnotationLine(at, vertical, false));
    }

    static BasicStroke solid() {
        return new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** Dashed lines for runs other than the first (the baseline when comparing). */
    static BasicStroke dashed(int runIndex) {
        float[] pattern = runIndex % 2 == 1 ? new float[] {8f, 5f} : new float[] {2f, 4f};
        return new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, pattern, 0f);
    }

    /**
     * A log value axis labels decades only when the data span several: a panel within one decade
     * (most latency panels) would otherwise show a single label, or none; one spanning many would show
     * a crowd. Decided here, from what the chart ended up holding.
     */
    static void labelLogAxes(XYChart chart) {
        XYStyler styler = chart.getStyler();
        boolean connectionsAxis = XAXIS_CONNECTIONS.equals(styler.getXAxisDecimalPattern()); // always decades
        if (styler.isXAxisLogarithmic() && !connectionsAxis) {
            styler.setXAxisLogarithmicDecadeOnly(spansDecades(chart, true));
        }
        if (styler.isYAxisLogarithmic()) {
            styler.setYAxisLogarithmicDecadeOnly(spansDecades(chart, false));
        }
    }

    /** Whether the positive finite values on an axis span more than {@value #DECADES_FOR_DECADE_LABELS} decades. */
    static boolean spansDecades(XYChart chart, boolean xAxis) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double v : xAxis ? series.getXData() : series.getYData()) {
                if (v > 0 && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max > 0 && Math.log10(max / min) > DECADES_FOR_DECADE_LABELS;
    }

    /** Writes charts/&lt;name&gt;.png; returns its path. */
    static Path write(Chart<?, ?> chart, Path chartsDir, String name) throws IOException {
        if (chart instanceof XYChart xy) labelLogAxes(xy);
        Files.createDirectories(chartsDir);
        Path png = chartsDir.resolve(name + ".png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return png;
    }
}
