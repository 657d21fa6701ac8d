package org.iobench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The charts of a run: throughput vs connections (log x) per payload, latency percentiles vs
 * connections, server CPU per echo, server memory per connection. One line per implementation in its
 * fixed colour, error bars from JMH's 99.9% interval. Results with errors are left out (they are flagged
 * in summary.md); absent metrics are simply not drawn. With more than one run, the throughput charts
 * overlay the other runs as dashed lines, so "this commit vs the baseline" is one picture.
 */
public final class Charts {

    public static final String DIR = "charts";
    static final String THROUGHPUT_BENCHMARK = "ThroughputBenchmark.echo";
    static final String LATENCY_BENCHMARK = "LatencyBenchmark.echo";

    /** What one chart plots: a metric, its axis title and whether a log y axis reads better. */
    private record Plot(String metric, String fileStem, String what, String yTitle, boolean logY) {
    }

    private static final Plot THROUGHPUT = new Plot(Metric.PRIMARY, "throughput", "Throughput",
            "echoes/s (higher is better)", false);
    private static final List<Plot> LATENCIES = List.of(
            new Plot("latency.p50", "latency-p50", "p50 latency", "µs, log scale (lower is better)", true),
            new Plot("latency.p99", "latency-p99", "p99 latency", "µs, log scale (lower is better)", true),
            new Plot("latency.p999", "latency-p999", "p99.9 latency", "µs, log scale (lower is better)", true));
    private static final Plot CPU = new Plot("server.cpu.us.per.echo", "cpu-per-echo",
            "Server CPU per echo", "server CPU µs per echo (lower is better)", false);
    private static final Plot MEMORY = new Plot("server.rss.kib.per.conn", "memory-per-connection",
            "Server memory per connection", "server RSS KiB per connection, log scale (lower is better)", true);

    private Charts() {
    }

    /** A chart and the file stem it is written under (charts/&lt;stem&gt;.png|svg). */
    record NamedChart(String stem, XYChart chart) {
    }

    /** Draws every chart the first run has data for; returns the PNG paths, in reading order. */
    public static List<Path> write(List<RunDir> runs, Path chartsDir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (NamedChart named : build(runs)) {
            written.add(ChartFiles.write(named.chart, chartsDir, named.stem));
        }
        return written;
    }

    static List<NamedChart> build(List<RunDir> runs) {
        RunDir main = runs.getFirst();
        List<NamedChart> charts = new ArrayList<>();
        for (Panel panel : Panel.of(main.results(), THROUGHPUT_BENCHMARK)) {
            draw(THROUGHPUT, panel, runs).ifPresent(charts::add);
        }
        // Latency from the open-loop benchmark (coordinated-omission corrected) when there is one.
        String latencySource = main.results().stream().anyMatch(r -> r.shortName().equals(LATENCY_BENCHMARK))
                ? LATENCY_BENCHMARK : THROUGHPUT_BENCHMARK;
        for (Panel panel : Panel.of(main.results(), latencySource)) {
            for (Plot latency : LATENCIES) {
                draw(latency, panel, List.of(main)).ifPresent(charts::add);
            }
        }
        for (Panel panel : Panel.of(main.results(), THROUGHPUT_BENCHMARK)) {
            draw(CPU, panel, List.of(main)).ifPresent(charts::add);
            draw(MEMORY, panel, List.of(main)).ifPresent(charts::add);
        }
        return charts;
    }

    private static Optional<NamedChart> draw(Plot plot, Panel panel, List<RunDir> runs) {
        String title = plot.what + " vs connections: " + panel.describe()
                + (panel.benchmark().equals(LATENCY_BENCHMARK) ? " (open loop)" : "");
        XYChart chart = ChartFiles.newChart(title, "connections (log scale)", plot.yTitle, plot.logY);
        boolean several = runs.size() > 1;
        int seriesCount = 0;
        for (int runIndex = 0; runIndex < runs.size(); runIndex++) {
            RunDir run = runs.get(runIndex);
            Optional<Panel> same = Panel.of(run.results(), panel.benchmark()).stream()
                    .filter(p -> p.fixedParams().equals(panel.fixedParams())).findFirst();
            if (same.isEmpty()) {
                continue;
            }
            for (String impl : same.get().impls()) {
                String name = several ? impl + " (" + run.name() + ")" : impl;
                if (addSeries(chart, plot, name, same.get().ofImpl(impl), runIndex, impl)) {
                    seriesCount++;
                }
            }
        }
        return seriesCount == 0 ? Optional.empty() : Optional.of(new NamedChart(plot.fileStem + "-" + panel.slug(), chart));
    }

    private static boolean addSeries(XYChart chart, Plot plot, String name, List<BenchResult> results,
                                     int runIndex, String impl) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> error = new ArrayList<>();
        for (BenchResult result : results) {
            Optional<Measure> measure = result.metric(plot.metric);
            if (!result.hasFigure() || measure.isEmpty() || !Double.isFinite(measure.get().score())) {
                continue;
            }
            double value = measure.get().score();
            if (plot.logY && value <= 0) {
                continue; // cannot sit on a log axis; the table in summary.md still shows it
            }
            double err = measure.get().errorOrZero();
            // On a log axis a bar reaching 0 or below cannot be drawn: clip it just above 0.
            x.add((double) result.longParam(Panel.CONNECTIONS));
            y.add(value);
            error.add(plot.logY ? Math.min(err, value * 0.99) : err);
        }
        if (x.isEmpty()) {
            return false;
        }
        XYSeries series = chart.addSeries(name, x, y, error);
        series.setLineColor(ImplPalette.colour(impl));
        series.setMarkerColor(ImplPalette.colour(impl));
        series.setMarker(ImplPalette.marker(impl));
        series.setLineStyle(runIndex == 0 ? ChartFiles.solid() : ChartFiles.dashed(runIndex));
        return true;
    }
}
