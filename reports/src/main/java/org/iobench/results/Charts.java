package org.iobench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The charts of a run (charts/&lt;stem&gt;.png), in reading order: per throughput panel its throughput,
 * the same as a ratio to the reference implementation and as a heat map of implementations × connections
 * ({@link ReferenceHeatmap}), server CPU per echo and memory per connection; per latency panel the heat map
 * of CPU per echo, p50, p99 and p99.9, and a percentile spectrum per connection count (open loop).
 *
 * <p>Every figure is drawn with its full interval as the run reported it (a median with an asymmetric
 * interval), noisy and client-bound points marked; each implementation has one colour and marker in every
 * chart ({@link ImplPalette}). A panel measured at several connection counts is a line chart against
 * connections ({@link ConnectionsChart}); at one count, a ranked chart, best first ({@link RankedChart}).
 * Results with errors are left out (summary.md flags them); absent metrics are simply not drawn. With more
 * than one run, the throughput charts overlay the other runs as dashed lines.
 */
public final class Charts {

    public static final String DIR = "charts";
    static final String THROUGHPUT_BENCHMARK = "ThroughputBenchmark.echo";
    static final String LATENCY_BENCHMARK = "LatencyBenchmark.echo";
    static final String RATIO_STEM = "throughput-ratio";
    static final String SPECTRUM_STEM = "latency-spectrum";

    /** What one chart plots: a metric, its file stem, title, value-axis title and scale. */
    record PlottedFigure(String metric, String fileStem, String what, String valueTitle, ChartFiles.Scale scale) {
    }

    private static final String LOG_LOWER = "µs, log scale (lower is better)";
    static final PlottedFigure THROUGHPUT = new PlottedFigure(Metric.PRIMARY, "throughput", "Throughput",
            "echoes/s (higher is better)", ChartFiles.Scale.LINEAR_FROM_ZERO);
    static final List<PlottedFigure> LATENCIES = List.of(
            new PlottedFigure("latency.p50", "latency-p50", "p50 latency", LOG_LOWER, ChartFiles.Scale.LOG),
            new PlottedFigure("latency.p99", "latency-p99", "p99 latency", LOG_LOWER, ChartFiles.Scale.LOG),
            new PlottedFigure("latency.p999", "latency-p999", "p99.9 latency", LOG_LOWER, ChartFiles.Scale.LOG));
    static final PlottedFigure CPU = new PlottedFigure("server.cpu.us.per.echo", "cpu-per-echo",
            "Server CPU per echo", "server CPU µs per echo (lower is better)", ChartFiles.Scale.LINEAR_FROM_ZERO);
    static final PlottedFigure MEMORY = new PlottedFigure(Metric.MEMORY_PER_CONNECTION, "memory-per-connection",
            "Server memory per connection", "KiB per connection (RSS + live heap), log scale (lower is better)",
            ChartFiles.Scale.LOG);

    /** Connection churn: its rate, its connect-to-echo tail and its cost per connection (ChurnBenchmark). */
    static final List<PlottedFigure> CHURN = List.of(
            new PlottedFigure(Metric.PRIMARY, "churn-rate", "Connections per second (connect, echo, close)",
                    "connections/s (higher is better)", ChartFiles.Scale.LINEAR_FROM_ZERO),
            new PlottedFigure("latency.p99", "churn-latency-p99", "p99 connect-to-echo latency", LOG_LOWER, ChartFiles.Scale.LOG),
            new PlottedFigure("server.cpu.us.per.echo", "churn-cpu-per-connection", "Server CPU per connection",
                    "server CPU µs per connection (lower is better)", ChartFiles.Scale.LINEAR_FROM_ZERO));

    private Charts() {
    }

    /** A chart and the file stem it is written under (charts/&lt;stem&gt;.png). */
    record NamedChart(String stem, Chart<?, ?> chart) {
    }

    /** Draws every chart the first run has data for; returns the PNG paths, in reading order. */
    public static List<Path> write(List<RunDir> runs, Path chartsDir) throws IOException, ResultsException {
        List<Path> written = new ArrayList<>();
        for (NamedChart named : build(runs)) {
            written.add(ChartFiles.write(named.chart, chartsDir, named.stem));
        }
        return written;
    }

    static List<NamedChart> build(List<RunDir> runs) throws ResultsException {
        RunDir main = runs.getFirst();
        RoundFigures rounds = RoundFigures.read(main.dir(), Metric.PRIMARY);
        List<NamedChart> charts = new ArrayList<>();
        String reference = ReferenceRatios.reference(main);
        for (Panel panel : Panel.of(main.results(), THROUGHPUT_BENCHMARK)) {
            draw(THROUGHPUT, panel, runs).ifPresent(charts::add);
            ratio(panel, reference, rounds).ifPresent(charts::add);
            heatmap(panel, reference, rounds).ifPresent(charts::add);
        }
        // Latency from the open-loop benchmark (coordinated-omission corrected) when there is one.
        boolean openLoop = main.results().stream().anyMatch(r -> r.shortName().equals(LATENCY_BENCHMARK));
        RoundFigures cpuRounds = openLoop ? RoundFigures.read(main.dir(), VerdictTables.figureOf(LATENCY_BENCHMARK)) : rounds;
        for (Panel panel : Panel.of(main.results(), openLoop ? LATENCY_BENCHMARK : THROUGHPUT_BENCHMARK)) {
            if (openLoop) {
                heatmap(panel, reference, cpuRounds).ifPresent(charts::add);
            }
            for (PlottedFigure latency : LATENCIES) {
                draw(latency, panel, List.of(main)).ifPresent(charts::add);
            }
            if (openLoop) {
                for (long connections : panel.connectionCounts()) {
                    PercentileSpectrumChart.draw(panel, connections, main, rounds).ifPresent(chart -> charts.add(
                            new NamedChart(SPECTRUM_STEM + "-" + panel.slug() + "-connections" + connections, chart)));
                }
            }
        }
        for (Panel panel : Panel.of(main.results(), THROUGHPUT_BENCHMARK)) {
            draw(CPU, panel, List.of(main)).ifPresent(charts::add);
            draw(MEMORY, panel, List.of(main)).ifPresent(charts::add);
            for (long connections : panel.connectionCounts()) {
                for (ParetoChart.Cost cost : ParetoChart.Cost.values()) {
                    ParetoChart.draw(panel, connections, cost).ifPresent(chart -> charts.add(new NamedChart(
                            ParetoChart.STEM + cost.stemSuffix + "-" + panel.slug() + "-connections" + connections, chart)));
                }
            }
        }
        SizesChart.draw(main.results()).forEach((stem, chart) -> charts.add(new NamedChart(stem, chart)));
        CapacityChart.draw(main.results()).forEach((stem, chart) -> charts.add(new NamedChart(stem, chart)));
        PoolSizeChart.draw(main.results(), defaultPool(main)).forEach((stem, chart) -> charts.add(new NamedChart(stem, chart)));
        for (Panel panel : Panel.of(main.results(), VerdictTables.CHURN_BENCHMARK)) {
            for (PlottedFigure figure : CHURN) draw(figure, panel, runs).ifPresent(charts::add);
        }
        return charts;
    }

    /** The offload pool size of the run's results that did not sweep it: as recorded, else the servers' default. */
    static int defaultPool(RunDir run) {
        try {
            return Integer.parseInt(run.env("offload.threads").strip());
        } catch (NumberFormatException notRecorded) {
            // runs before the key was recorded used the servers' default
            return org.iobench.api.ServerConfig.DEFAULT_OFFLOAD_THREADS;
        }
    }

    /**
     * One figure of one panel: ranked when the panel has one connection count and one run, else against
     * connections (other runs overlaid need the shared x axis).
     */
    private static Optional<NamedChart> draw(PlottedFigure figure, Panel panel, List<RunDir> runs) {
        String openLoop = panel.benchmark().equals(LATENCY_BENCHMARK) ? " (open loop)" : "";
        List<ChartLine> lines = lines(figure.metric, panel, runs);
        Optional<XYChart> chart;
        if (panel.connectionCounts().size() == 1 && runs.size() == 1) {
            String title = figure.what + ": " + panel.describe() + ", " + panel.connectionCounts().getFirst()
                    + " connections" + openLoop;
            List<ChartPoint> points = lines.stream().flatMap(l -> l.points().stream()).toList();
            chart = RankedChart.draw(title, figure.valueTitle, figure.scale, points,
                    Metric.of(figure.metric).direction(), Optional.empty());
        } else {
            chart = ConnectionsChart.draw(figure.what + ": " + panel.describe() + openLoop,
                    figure.valueTitle, figure.scale, lines, Optional.empty());
        }
        return chart.map(c -> new NamedChart(figure.fileStem + "-" + panel.slug(), c));
    }

    /** One line per run and implementation; the run's name joins the label when several runs are drawn. */
    static List<ChartLine> lines(String metric, Panel panel, List<RunDir> runs) {
        List<ChartLine> lines = new ArrayList<>();
        for (int runIndex = 0; runIndex < runs.size(); runIndex++) {
            RunDir run = runs.get(runIndex);
            Optional<Panel> same = Panel.of(run.results(), panel.benchmark()).stream()
                    .filter(p -> p.fixedParams().equals(panel.fixedParams())).findFirst();
            if (same.isEmpty()) {
                continue;
            }
            for (String impl : same.get().impls()) {
                List<ChartPoint> points = same.get().ofImpl(impl).stream()
                        .flatMap(r -> ChartPoint.of(r, metric, r.longParam(Panel.CONNECTIONS)).stream()).toList();
                if (!points.isEmpty()) {
                    String label = runs.size() > 1 ? impl + " (" + run.name() + ")" : impl;
                    lines.add(new ChartLine(label, impl, runIndex, points));
                }
            }
        }
        return lines;
    }

    /** The panel's declared figure as % of the reference, implementations × connections, when the panel measured it. */
    private static Optional<NamedChart> heatmap(Panel panel, String reference, RoundFigures rounds) {
        return ReferenceHeatmap.draw(panel, reference, rounds)
                .map(chart -> new NamedChart(ReferenceHeatmap.STEM + "-" + panel.slug(), chart));
    }

    /** Throughput as a ratio to the reference implementation, when the panel measured it. */
    private static Optional<NamedChart> ratio(Panel panel, String reference, RoundFigures rounds) {
        ReferenceRatios.Ratios ratios = ReferenceRatios.of(panel, reference, rounds);
        if (ratios.lines().isEmpty()) {
            return Optional.empty();
        }
        String title = "Throughput ÷ " + reference + ": " + panel.describe();
        String valueTitle = "× " + reference + "'s echoes/s (" + ratios.pairing() + "; higher is better)";
        Optional<XYChart> chart;
        if (panel.connectionCounts().size() == 1) {
            List<ChartPoint> points = ratios.lines().stream().flatMap(l -> l.points().stream()).toList();
            chart = RankedChart.draw(title + ", " + panel.connectionCounts().getFirst() + " connections",
                    valueTitle, ChartFiles.Scale.LINEAR, points, Metric.Direction.BIGGER_IS_BETTER, Optional.of(1.0));
        } else {
            chart = ConnectionsChart.draw(title, valueTitle, ChartFiles.Scale.LINEAR, ratios.lines(), Optional.of(1.0));
        }
        return chart.map(c -> new NamedChart(RATIO_STEM + "-" + panel.slug(), c));
    }
}
