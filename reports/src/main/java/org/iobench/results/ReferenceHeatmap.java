package org.iobench.results;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.Utils;
import org.knowm.xchart.style.HeatMapStyler;

/**
 * The whole panel at a glance (issue 13): implementations × connections, each cell the workload's
 * declared figure ({@link VerdictTables#figureOf}) as % of the reference implementation's, paired per
 * round ({@link ReferenceRatios}), with its 95% interval under it. Blue is better than the reference,
 * red worse, white level with it, whichever way the figure points; the shade follows log2 of the ratio. A cell whose interval is wider than
 * ±10% or whose result was disturbed carries ‡, a client-bound one †, as in summary.md.
 *
 * <p>XChart's heat map prints one number per cell; the interval and the marks need a second line, so
 * {@link AnnotatedHeatMap} writes the cells' text itself over XChart's colours, on XChart's own grid.
 */
final class ReferenceHeatmap {

    static final String STEM = "heatmap";
    private static final Color WORSE = new Color(0xe3, 0x6b, 0x5a);
    private static final Color LEVEL = Color.WHITE;
    private static final Color BETTER = new Color(0x5b, 0x9b, 0xd5);
    /**
     * Colours follow log2(ratio), so that half and twice the reference are equally strong; the scale spans
     * at least ±this (about ±15%), so that a few percent either way stays pale.
     */
    private static final double MIN_HALF_SPAN_LOG2 = 0.2;
    private static final int COLUMN_PIXELS = 130;
    private static final int ROW_PIXELS = 42;
    private static final int MARGIN_PIXELS = 260;
    private static final int TITLE_CHAR_PIXELS = 10;
    private static final int AXIS_TITLE_CHAR_PIXELS = 7;

    private ReferenceHeatmap() {
    }

    /** One cell: a ratio to the reference in percent, its interval, and the marks it carries. */
    record Cell(int column, int row, double percent, double lowPercent, double highPercent, boolean noisy, boolean clientBound,
                boolean reference) {
        String figure() {
            return String.format(Locale.ROOT, "%.0f%%", percent) + (noisy ? " ‡" : "") + (clientBound ? " †" : "");
        }

        /** The second line: the interval, or why there is none. */
        String interval() {
            if (reference) return "reference";
            return Double.isFinite(lowPercent) && Double.isFinite(highPercent)
                    ? String.format(Locale.ROOT, "[%.0f, %.0f]", lowPercent, highPercent) : "no interval";
        }
    }

    /** The heat map of one panel, or empty when the reference did not run in it. */
    static Optional<HeatMapChart> draw(Panel panel, String reference, RoundFigures rounds) {
        String metric = VerdictTables.figureOf(panel);
        ReferenceRatios.Ratios ratios = ReferenceRatios.of(panel, reference, rounds, metric);
        if (ratios.lines().isEmpty()) {
            return Optional.empty();
        }
        List<Long> connections = panel.connectionCounts();
        // XChart counts rows from the bottom: the catalogue's first implementation goes last, so it shows on top
        List<String> rowsTopDown = ratios.lines().stream().map(ChartLine::impl).toList();
        List<String> rowsBottomUp = new ArrayList<>(rowsTopDown).reversed();
        List<Cell> cells = new ArrayList<>();
        for (ChartLine line : ratios.lines()) {
            int row = rowsBottomUp.indexOf(line.impl());
            for (ChartPoint point : line.points()) {
                int column = connections.indexOf((long) point.x());
                cells.add(new Cell(column, row, 100 * point.value(), 100 * point.low(), 100 * point.high(),
                        point.noisy(), point.clientBound(), line.impl().equals(reference)));
            }
        }
        Metric.Direction direction = Metric.of(metric).direction();
        String what = metric.equals(Metric.PRIMARY) ? "echoes/s" : "server CPU per echo";
        String title = what + " as % of " + reference + ": " + panel.describe()
                + (panel.benchmark().equals(Charts.LATENCY_BENCHMARK) ? " (open loop)" : "");
        String key = (direction == Metric.Direction.BIGGER_IS_BETTER ? "higher" : "lower") + " is better (blue), "
                + ratios.pairing() + "; ‡ interval > ±10% or disturbed, † client-bound";
        String xTitle = "connections; " + key;
        int widthPixels = Math.max(MARGIN_PIXELS + COLUMN_PIXELS * connections.size(),   // the cells, or the titles: whichever is wider
                Math.max(TITLE_CHAR_PIXELS * title.length(), AXIS_TITLE_CHAR_PIXELS * xTitle.length()) + 60);
        AnnotatedHeatMap chart = new AnnotatedHeatMap(new HeatMapChartBuilder()
                .width(widthPixels).height(150 + ROW_PIXELS * rowsTopDown.size())
                .title(title).xAxisTitle(xTitle), cells);
        style(chart.getStyler(), cells, direction);
        List<String> columnLabels = connections.stream().map(c -> String.format(Locale.ROOT, "%,d", c)).toList();
        List<Number[]> heat = cells.stream().map(c -> new Number[] {c.column(), c.row(), log2(c.percent() / 100)}).toList();
        chart.addSeries(what + " % of " + reference, columnLabels, rowsBottomUp, heat);
        return Optional.of(chart);
    }

    private static double log2(double ratio) {
        return Math.log(ratio) / Math.log(2);
    }

    private static void style(HeatMapStyler styler, List<Cell> cells, Metric.Direction direction) {
        double halfSpan = Math.max(MIN_HALF_SPAN_LOG2,
                cells.stream().mapToDouble(c -> Math.abs(log2(c.percent() / 100))).filter(Double::isFinite).max().orElse(0));
        styler.setMin(-halfSpan);
        styler.setMax(halfSpan);
        styler.setRangeColors(direction == Metric.Direction.BIGGER_IS_BETTER
                ? new Color[] {WORSE, LEVEL, BETTER} : new Color[] {BETTER, LEVEL, WORSE});
        styler.setShowValue(false); // AnnotatedHeatMap writes the two-line cell text
        styler.setDrawBorder(true);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendVisible(false); // its scale is log2 of the ratio: the cells say the percentages
        styler.setAntiAlias(true);
    }

    /** XChart's heat map with each cell's figure and interval written over it, on XChart's own cell grid. */
    static final class AnnotatedHeatMap extends HeatMapChart {
        private static final Font FIGURE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        private static final Font INTERVAL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        private final List<Cell> cells;

        AnnotatedHeatMap(HeatMapChartBuilder builder, List<Cell> cells) {
            super(builder);
            this.cells = List.copyOf(cells);
        }

        List<Cell> cells() {
            return cells;
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            super.paint(g, width, height);
            // the same geometry as XChart's PlotContent_HeatMap: cells fill the plot less its tick margins
            Rectangle2D bounds = plot.getBounds();
            double xMargin = Utils.getTickStartOffset((int) bounds.getWidth(), getStyler().getPlotContentSize() * bounds.getWidth());
            double yMargin = Utils.getTickStartOffset((int) bounds.getHeight(), getStyler().getPlotContentSize() * bounds.getHeight());
            int columns = getHeatMapSeries().getXData().size();
            int rows = getHeatMapSeries().getYData().size();
            double cellWidth = (bounds.getWidth() - 2 * xMargin) / columns;
            double cellHeight = (bounds.getHeight() - 2 * yMargin) / rows;
            g.setColor(Color.BLACK);
            for (Cell cell : cells) {
                double centreX = bounds.getX() + xMargin + cellWidth * (cell.column() + 0.5);
                double top = bounds.getY() + yMargin + cellHeight * (rows - 1 - cell.row());
                centred(g, FIGURE_FONT, cell.figure(), centreX, top + cellHeight * 0.42);
                centred(g, INTERVAL_FONT, cell.interval(), centreX, top + cellHeight * 0.78);
            }
        }

        private static void centred(Graphics2D g, Font font, String text, double centreX, double baselineY) {
            g.setFont(font);
            FontMetrics metrics = g.getFontMetrics();
            g.drawString(text, (float) (centreX - metrics.stringWidth(text) / 2.0), (float) (baselineY + metrics.getAscent() / 2.0 - 2));
        }
    }
}
