package org.iobench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What each model delivers against what it costs: closed-loop echoes/s (up is better) against server
 * CPU per echo (left is better), one point per implementation at one connection count, each with both
 * intervals. The dashed line joins the Pareto front: the models no other model beats on both at once.
 * A model off the front is dominated; which of the front to choose depends on whether the CPU or the
 * rate is the scarcer.
 */
final class ParetoChart {
    static final String STEM = "pareto";
    private static final String CPU = "server.cpu.us.per.echo";

    private ParetoChart() {
    }

    /** What a model pays for its echoes/s: the x axis of a Pareto chart. */
    enum Cost {
        /** Server CPU per echo, from zero: the distance from the origin is what each model delivers and costs. */
        CPU("server.cpu.us.per.echo", "server CPU per echo", "server CPU µs per echo (left is better)",
                ChartFiles.Scale.LINEAR_FROM_ZERO, ""),
        /** Memory per connection, on a log axis: the models differ by three orders of magnitude (native to blocking). */
        MEMORY(Metric.MEMORY_PER_CONNECTION, "memory per connection", "KiB per connection, log scale (left is better)",
                ChartFiles.Scale.LOG, "-memory");

        final String metric;
        final String what;
        final String axisTitle;
        final ChartFiles.Scale scale;
        /** Added to the chart's file stem ("pareto-memory-..."); the CPU chart keeps the plain stem. */
        final String stemSuffix;

        Cost(String metric, String what, String axisTitle, ChartFiles.Scale scale, String stemSuffix) {
            this.metric = metric;
            this.what = what;
            this.axisTitle = axisTitle;
            this.scale = scale;
            this.stemSuffix = stemSuffix;
        }
    }

    /** The chart of one panel's connection count against CPU per echo; empty with fewer than two models measured on both. */
    static Optional<XYChart> draw(Panel panel, long connections) {
        return draw(panel, connections, Cost.CPU);
    }

    /** The same against another cost. */
    static Optional<XYChart> draw(Panel panel, long connections, Cost costOf) {
        List<ChartPoint[]> points = new ArrayList<>();   // {cost (value = its figure), echoes/s}
        for (String impl : panel.impls()) {
            for (BenchResult result : panel.ofImpl(impl)) {
                if (result.longParam(Panel.CONNECTIONS) != connections) continue;
                Optional<ChartPoint> cost = ChartPoint.of(result, costOf.metric, connections)
                        .filter(p -> costOf.scale != ChartFiles.Scale.LOG || p.value() > 0);
                Optional<ChartPoint> rate = ChartPoint.of(result, Metric.PRIMARY, connections);
                if (cost.isPresent() && rate.isPresent()) points.add(new ChartPoint[] {cost.get(), rate.get()});
            }
        }
        if (points.size() < 2) return Optional.empty();
        XYChart chart = ChartFiles.newChart("Echoes/s vs " + costOf.what + ": " + panel.describe() + ", " + connections
                + " conns", costOf.axisTitle, "echoes/s (up is better)");
        ChartFiles.valueAxisY(chart, ChartFiles.Scale.LINEAR_FROM_ZERO);
        ChartFiles.valueAxisX(chart, costOf.scale);
        boolean logX = costOf.scale == ChartFiles.Scale.LOG;
        List<ChartPoint> drawn = new ArrayList<>();
        for (ChartPoint[] point : points) {
            ChartPoint cpu = point[0];
            ChartPoint rate = point[1];
            String impl = rate.impl();
            PointMarks.interval(chart, PointMarks.hiddenName(impl + " cost interval"), cpu, rate.value(),
                    PointMarks.Orientation.VALUE_ON_X, ImplPalette.colour(impl), 1.5f, logX);
            PointMarks.interval(chart, PointMarks.hiddenName(impl + " rate interval"), rate, cpu.value(),
                    PointMarks.Orientation.VALUE_ON_Y, ImplPalette.colour(impl), 1.5f, false);
            XYSeries series = chart.addSeries(impl, new double[] {cpu.value()}, new double[] {rate.value()});
            series.setMarker(ImplPalette.marker(impl));
            series.setMarkerColor(ImplPalette.colour(impl));
            series.setLineStyle(ChartFiles.solid());
            series.setLineColor(ImplPalette.colour(impl));
            ChartPoint both = new ChartPoint(impl, cpu.value(), rate.value(), rate.low(), rate.high(),
                    cpu.noisy() || rate.noisy(), rate.clientBound());
            PointMarks.flags(chart, impl, impl, List.of(both), new double[] {cpu.value()}, new double[] {rate.value()});
            drawn.add(both);
        }
        List<ChartPoint> front = front(drawn);
        if (front.size() >= 2) {
            XYSeries line = chart.addSeries(PointMarks.hiddenName("Pareto front"), front.stream().mapToDouble(ChartPoint::x).toArray(),
                    front.stream().mapToDouble(ChartPoint::value).toArray());
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(java.awt.Color.GRAY);
            line.setLineStyle(ChartFiles.dashed(1));
            line.setShowInLegend(false);
        }
        PointMarks.legendNotes(chart, drawn, drawn.getFirst().value());
        return Optional.of(chart);
    }

    /** The points no other point beats on both cost (x, lower) and echoes/s (value, higher), by cost. */
    static List<ChartPoint> front(List<ChartPoint> points) {
        List<ChartPoint> byCpu = points.stream().sorted(Comparator.comparingDouble(ChartPoint::x)
                .thenComparing(Comparator.comparingDouble(ChartPoint::value).reversed())).toList();
        List<ChartPoint> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (ChartPoint point : byCpu) {
            if (point.value() > best) {
                front.add(point);
                best = point.value();
            }
        }
        return front;
    }
}
