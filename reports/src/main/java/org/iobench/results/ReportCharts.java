package org.iobench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What report.html's interactive charts show, as data for its script (embedded as JSON): the same
 * figures, lines and intervals as the PNG charts ({@link Charts}), per panel. A panel measured at
 * several connection counts is one line per implementation against connections (log axis); at one
 * count, one bar per implementation, best first. Every point carries its interval and marks, shown on
 * hover and as a whisker.
 */
final class ReportCharts {

    /**
     * One chart: its panel heading, title, value axis and one series per implementation; with {@code bars},
     * the implementations ranked best first ({@code ranked}), else against connections.
     */
    record Spec(String id, String panel, String title, String valueTitle, ChartFiles.Scale scale, boolean bars,
                List<String> ranked, Double referenceLine, List<Series> series) {
    }

    /** One implementation's points; its colour is the one it has in every PNG chart. */
    record Series(String impl, String colour, List<Point> points) {
    }

    /** One figure at {@code x} (connections; in a bar chart its rank), with its interval (null where none is known). */
    record Point(long x, double value, Double low, Double high, boolean noisy, boolean clientBound) {
    }

    private ReportCharts() {
    }

    static List<Spec> of(RunDir run) throws ResultsException {
        List<Spec> specs = new ArrayList<>();
        String reference = ReferenceRatios.reference(run);
        RoundFigures rounds = RoundFigures.read(run.dir(), Metric.PRIMARY);
        List<RunDir> runs = List.of(run);
        for (Panel panel : Panel.of(run.results(), Charts.THROUGHPUT_BENCHMARK)) {
            figure(Charts.THROUGHPUT, panel, runs, specs);
            ReferenceRatios.Ratios ratios = ReferenceRatios.of(panel, reference, rounds);
            spec("ratio", panel, "Throughput ÷ " + reference, "× " + reference + "'s echoes/s (" + ratios.pairing() + ")",
                    ChartFiles.Scale.LINEAR, Metric.Direction.BIGGER_IS_BETTER, 1.0, ratios.lines()).ifPresent(specs::add);
            figure(Charts.CPU, panel, runs, specs);
            figure(Charts.MEMORY, panel, runs, specs);
        }
        boolean openLoop = !Panel.of(run.results(), Charts.LATENCY_BENCHMARK).isEmpty();
        for (Panel panel : Panel.of(run.results(), openLoop ? Charts.LATENCY_BENCHMARK : Charts.THROUGHPUT_BENCHMARK)) {
            if (openLoop) figure(Charts.CPU, panel, runs, specs);
            for (Charts.PlottedFigure latency : Charts.LATENCIES) figure(latency, panel, runs, specs);
        }
        return specs;
    }

    private static void figure(Charts.PlottedFigure figure, Panel panel, List<RunDir> runs, List<Spec> specs) {
        spec(figure.fileStem(), panel, figure.what(), figure.valueTitle(), figure.scale(),
                Metric.of(figure.metric()).direction(), null, Charts.lines(figure.metric(), panel, runs)).ifPresent(specs::add);
    }

    private static Optional<Spec> spec(String stem, Panel panel, String what, String valueTitle, ChartFiles.Scale scale,
                                       Metric.Direction direction, Double referenceLine, List<ChartLine> lines) {
        if (lines.isEmpty()) return Optional.empty();
        String panelTitle = panel.describe() + (panel.benchmark().equals(Charts.LATENCY_BENCHMARK) ? " (open loop)" : " (closed loop)");
        List<Long> connections = panel.connectionCounts();
        boolean bars = connections.size() == 1;
        List<String> ranked = bars ? ranked(lines, direction) : List.of();
        List<Series> series = new ArrayList<>();
        for (ChartLine line : lines) {
            List<Point> points = line.points().stream().map(p -> new Point(
                    bars ? ranked.indexOf(line.impl()) : (long) p.x(), p.value(),
                    p.hasInterval() ? p.low() : null, p.hasInterval() ? p.high() : null, p.noisy(), p.clientBound())).toList();
            series.add(new Series(line.impl(), hex(line.impl()), points));
        }
        String title = what + ": " + panelTitle + (bars ? ", " + connections.getFirst() + " connections" : "");
        return Optional.of(new Spec(stem + "-" + panel.benchmark().replaceAll("\\W", "") + "-" + panel.slug(), panelTitle,
                title, valueTitle, scale, bars, ranked, referenceLine, series));
    }

    /** One connection count: the implementations best first, as the ranked PNG charts order them. */
    private static List<String> ranked(List<ChartLine> lines, Metric.Direction direction) {
        Comparator<ChartLine> byValue = Comparator.comparingDouble(l -> l.points().getFirst().value());
        return lines.stream().sorted(direction == Metric.Direction.SMALLER_IS_BETTER ? byValue : byValue.reversed())
                .map(ChartLine::impl).toList();
    }

    private static String hex(String impl) {
        return String.format("#%06x", ImplPalette.colour(impl).getRGB() & 0xffffff);
    }
}
