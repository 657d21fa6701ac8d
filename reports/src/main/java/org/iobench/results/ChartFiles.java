package org.iobench.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The common look of every chart, and writing one as PNG (for the README) and SVG (for print). */
final class ChartFiles {

    static final int WIDTH_PIXELS = 1000;
    static final int HEIGHT_PIXELS = 600;

    private ChartFiles() {
    }

    static XYChart newChart(String title, String xTitle, String yTitle, boolean logY) {
        XYChart chart = new XYChartBuilder().width(WIDTH_PIXELS).height(HEIGHT_PIXELS)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0, 0xe0, 0xe0));
        chart.getStyler().setPlotBorderColor(new Color(0xa0, 0xa0, 0xa0));
        chart.getStyler().setLegendBorderColor(new Color(0xc0, 0xc0, 0xc0));
        chart.getStyler().setChartTitleBoxVisible(false);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true);
        // No tick-label formatting function on the x axis: XChart then falls back to linear ticks on
        // a log axis (labels no longer match the points). Decade labels 1, 10, 100 ... read fine.
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisLogarithmic(logY);
        if (logY) {
            chart.getStyler().setYAxisDecimalPattern("#,##0.###"); // 10,000 rather than 1E4
        } else {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(Numbers::tick); // 120k, not 120000
            chart.getStyler().setYAxisMin(0.0); // a linear axis cut above 0 exaggerates differences
        }
        styler.setAntiAlias(true);
        return chart;
    }

    static BasicStroke solid() {
        return new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** Dashed lines for runs other than the first (the baseline when comparing). */
    static BasicStroke dashed(int runIndex) {
        float[] pattern = runIndex % 2 == 1 ? new float[] {8f, 5f} : new float[] {2f, 4f};
        return new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, pattern, 0f);
    }

    /** Writes charts/&lt;name&gt;.png and .svg; returns the PNG's path. */
    static Path write(XYChart chart, Path chartsDir, String name) throws IOException {
        Files.createDirectories(chartsDir);
        Path png = chartsDir.resolve(name + ".png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, chartsDir.resolve(name + ".svg").toString(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return png;
    }
}
