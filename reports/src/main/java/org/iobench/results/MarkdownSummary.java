package org.iobench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * summary.md: opens with the run's verdict (valid, INVALID or INCOMPLETE, naming every trial that
 * is not valid and why, from {@link RunValidity}), then the environment, the trials that reached a
 * limit and the client-bound results, then per benchmark and panel
 * (payload, depth or rate) tables of impl x connections for the figures that answer "which model, at
 * my connection count, at what cost", with the charts inline.
 */
public final class MarkdownSummary {

    public static final String FILE = "summary.md";

    /** Figure, table heading, and the chart stem drawn for it (null: no chart). */
    private record Figure(String metric, String heading, String chartStem) {
    }

    private static final List<Figure> THROUGHPUT_FIGURES = List.of(
            new Figure(Metric.PRIMARY, "Throughput, echoes/s", "throughput"),
            new Figure("latency.p99", "p99 latency, µs (closed loop)", null),
            new Figure("server.cpu.us.per.echo", "Server CPU, µs per echo", "cpu-per-echo"),
            new Figure(Metric.MEMORY_PER_CONNECTION, "Server memory per connection, KiB (RSS + live heap)", "memory-per-connection"),
            new Figure("server.gc.pause.ms.per.s", "Server GC pause, ms per second (Java servers)", null),
            new Figure("server.threads", "Server threads", null));
    private static final List<Figure> CHURN_FIGURES = List.of(
            new Figure(Metric.PRIMARY, "Connections per second (connect, echo, close)", "churn-rate"),
            new Figure("latency.p50", "p50 latency, µs, connect to echo", null),
            new Figure("latency.p99", "p99 latency, µs, connect to echo", "churn-latency-p99"),
            new Figure("server.cpu.us.per.echo", "Server CPU, µs per connection", "churn-cpu-per-connection"));
    private static final List<Figure> LATENCY_FIGURES = List.of(
            new Figure(Metric.PRIMARY, "Achieved echoes/s (offered rate in the heading)", null),
            new Figure("latency.p50", "p50 latency, µs (from intended send time)", "latency-p50"),
            new Figure("latency.p99", "p99 latency, µs", "latency-p99"),
            new Figure("latency.p999", "p99.9 latency, µs", "latency-p999"));

    /** An interval wider than ±10% of its figure: too noisy to rank on (marked ‡). */
    static final double NOISY_SPREAD = 0.10;

    private MarkdownSummary() {
    }

    public static Path write(RunDir run, Path chartsDir) throws IOException {
        Path file = run.dir().resolve(FILE);
        Files.write(file, lines(run, chartsDir), StandardCharsets.UTF_8);
        return file;
    }

    static List<String> lines(RunDir run, Path chartsDir) {
        List<String> out = new ArrayList<>();
        RunValidity validity = run.validity();
        out.add("# iobench run " + run.name() + switch (validity.outcome()) {
            case VALID -> "";
            case INVALID -> ": INVALID";
            case INCOMPLETE -> ": INCOMPLETE";
        });
        out.add("");
        verdict(run, validity, out);
        out.addAll(VerdictTables.lines(run));
        out.addAll(CapacityTable.lines(run));
        out.addAll(FlameGraphs.lines(run));
        againstTheFloor(run, out);
        measurement(run, out);
        environment(run, out);
        limitsAndClientBound(run, validity, out);
        boolean hasLatencyBenchmark = run.results().stream()
                .anyMatch(r -> r.shortName().equals(Charts.LATENCY_BENCHMARK));
        for (Panel panel : Panel.of(run.results(), Charts.THROUGHPUT_BENCHMARK)) {
            List<Figure> figures = new ArrayList<>(THROUGHPUT_FIGURES);
            if (!hasLatencyBenchmark) { // then the latency charts are drawn from this benchmark
                figures.addAll(LATENCY_FIGURES.subList(1, LATENCY_FIGURES.size()));
            }
            section(panel, figures, chartsDir, out);
        }
        for (Panel panel : Panel.of(run.results(), Charts.LATENCY_BENCHMARK)) {
            section(panel, LATENCY_FIGURES, chartsDir, out);
        }
        for (Panel panel : Panel.of(run.results(), VerdictTables.CHURN_BENCHMARK)) {
            section(panel, CHURN_FIGURES, chartsDir, out);
        }
        return out;
    }

    private static void environment(RunDir run, List<String> out) {
        out.add("| environment | |");
        out.add("|---|---|");
        for (EnvironmentTable.Row row : EnvironmentTable.rows(run)) {
            String text = row.text().replace("|", "\\|");
            out.add("| " + row.name() + " | " + (row.literal() ? "`" + text + "`" : text) + " |");
        }
        out.add("");
    }

    private static void verdict(RunDir run, RunValidity validity, List<String> out) {
        switch (validity.outcome()) {
            case VALID -> out.add("**Valid**: all " + run.results().size() + " results have every planned iteration and 0 errors"
                    + (validity.limits().isEmpty() ? "." : "; " + validity.limits().size() + " trial(s) reached a limit (below)."));
            case INVALID -> out.add("**⚠ INVALID run**: " + validity.invalid().size() + " trial(s) failed or are invalid"
                    + " (errors, a dead or stalled server, a trial that did not finish, or jmh.json disagreeing with the plan)."
                    + " Do not use it as a result or a baseline; `scripts/compare` refuses it.");
            case INCOMPLETE -> out.add("**⚠ INCOMPLETE run**: it did not run to its end; the " + run.results().size()
                    + " results below are the trials that finished. Do not use it as a result or a baseline;"
                    + " `scripts/compare` refuses it.");
        }
        out.add("");
        validity.incomplete().forEach(line -> out.add("- incomplete: " + line));
        validity.invalid().forEach(line -> out.add("- INVALID: " + line));
        if (!validity.valid()) {
            out.add("");
        }
    }

    /**
     * How the figures were measured and how far to trust them: rounds, the interval, warm-up, and
     * every result the interference probe found disturbed (with the share of its iterations).
     */
    private static void measurement(RunDir run, List<String> out) {
        String rounds = run.env("rounds");
        if (!rounds.isBlank()) {
            out.add("**How measured**: each result is the median of " + rounds + " rounds (one fork each, every round in a fresh"
                    + " shuffled order, seed " + run.env("rounds.seed") + "; " + run.env("measurement") + "); ± is the wider side"
                    + " of its 95% interval over the rounds (docs/statistics.md), ‡ marks intervals wider than ±"
                    + Math.round(100 * NOISY_SPREAD) + "%." + coverageCaveat(rounds)
                    + " Latency percentiles come from the merged histograms (histograms/*.hlog).");
            out.add("");
        }
        List<Double> warmUps = run.results().stream().map(r -> r.metric("warmup.s")).flatMap(Optional::stream)
                .map(Measure::score).sorted().toList();
        if (!warmUps.isEmpty()) {
            long neverSteady = run.results().stream().filter(r -> r.metric("warmup.never.steady").map(m -> m.score() > 0).orElse(false)).count();
            out.add(String.format(java.util.Locale.ROOT, "**Warm-up** until steady: median %.1f s, longest %.1f s per fork%s.",
                    warmUps.get(warmUps.size() / 2), warmUps.get(warmUps.size() - 1),
                    neverSteady == 0 ? "; every result reached a steady state"
                            : "; **" + neverSteady + " result(s) never steady** (a fork hit the cap; see warmup.never.steady)"));
            out.add("");
        }
        List<BenchResult> disturbed = run.results().stream()
                .filter(r -> r.metric("disturbed").map(m -> m.score() > 0).orElse(false)).toList();
        String remeasured = run.env("remeasured");
        if (!disturbed.isEmpty() || !remeasured.isBlank()) {
            out.add("**Interference**: " + disturbed.size() + " of " + run.results().size() + " results had iterations the"
                    + " interference probe flagged (the driver waiting for its CPU, other work on the pinned CPUs, steal);"
                    + " a fork disturbed in most of its iterations is measured again" + (remeasured.isBlank() ? " (none was)" : " (" + remeasured + ")") + ".");
            for (BenchResult r : disturbed) {
                out.add(String.format(java.util.Locale.ROOT, "- %s: %.0f%% of iterations disturbed", r.key(),
                        100 * r.metric("disturbed").get().score()));
            }
            out.add("");
        }
        out.addAll(CpuPlacement.lines(run));
    }

    /**
     * Each model as a multiple of the native server of its own mechanism ({@code Implementation#floor}),
     * per round then summarised: server CPU per echo at the fixed rate (below 1 would mean the floor
     * leaves something on the table) and closed-loop echoes/s (above 1 likewise, unless client-bound).
     */
    private static void againstTheFloor(RunDir run, List<String> out) {
        List<Panel> panels = new ArrayList<>(Panel.of(run.results(), Charts.LATENCY_BENCHMARK));
        panels.addAll(Panel.of(run.results(), Charts.THROUGHPUT_BENCHMARK));
        for (Panel panel : panels) {
            boolean fixedRate = panel.benchmark().equals(Charts.LATENCY_BENCHMARK);
            String metric = fixedRate ? "server.cpu.us.per.echo" : Metric.PRIMARY;
            for (long connections : panel.connectionCounts()) {
                List<BenchResult> results = panel.results().stream().filter(r -> r.longParam(Panel.CONNECTIONS) == connections).toList();
                List<FloorRatios.Row> rows;
                try {
                    rows = FloorRatios.of(run, results, metric);
                } catch (ResultsException e) {
                    out.add("(Against the floor: " + e.getMessage() + ")");
                    return;
                }
                if (rows.isEmpty()) continue;
                out.add("**Against the floor of its mechanism** (" + panel.describe() + ", " + connections + " connections): "
                        + (fixedRate ? "server CPU per echo ÷ the floor's, lowest first" : "echoes/s ÷ the floor's, highest first")
                        + "; per round, median [95% interval over rounds]. Floors: native-io-uring for io_uring, native-epoll-lt"
                        + " for level-triggered loops, native-epoll-et for the rest.");
                out.add("");
                out.add("| impl | floor | " + (fixedRate ? "CPU/echo ÷ floor" : "echoes/s ÷ floor") + " |");
                out.add("|---|---|---:|");
                for (FloorRatios.Row row : rows) {
                    out.add("| " + row.result().impl() + (row.result().clientBound() ? " †" : "") + " | " + row.floor() + " | "
                            + String.format(java.util.Locale.ROOT, "%.2f [%.2f, %.2f]", row.ratio().value(), row.ratio().low(),
                            row.ratio().high()) + " |");
                }
                out.add("");
            }
        }
    }

    /**
     * With fewer than 6 rounds no interval over rounds reaches 95%: the widest, [min, max] of the
     * round medians, covers the median with probability 1 - 2^(1-R) (93.75% at 5, 75% at 3).
     */
    static String coverageCaveat(String rounds) {
        if (!rounds.strip().matches("\\d+")) return "";
        int r = Integer.parseInt(rounds.strip());
        if (r >= 6) return "";
        if (r < 2) return " With one round the interval is only the spread of its iterations, not of forks.";
        return String.format(java.util.Locale.ROOT, " With %d rounds the interval is [min, max] of the rounds, which covers the"
                + " median %.2f%% of the time, not 95%%.", r, 100 * (1 - Math.pow(2, 1 - r)));
    }

    /** "[lo, hi]", or "" without a finite interval. */
    private static String interval(Measure m) {
        return m.hasInterval() && Double.isFinite(m.ciLow()) && Double.isFinite(m.ciHigh())
                ? "[" + Numbers.compact(m.ciLow()) + ", " + Numbers.compact(m.ciHigh()) + "]" : "";
    }

    private static void limitsAndClientBound(RunDir run, RunValidity validity, List<String> out) {
        if (!validity.limits().isEmpty()) {
            out.add("**Reached a limit** (an outcome, not an error; no figure to compare):");
            validity.limits().forEach(line -> out.add("- " + line));
            out.add("");
        }
        List<BenchResult> clientBound = run.results().stream().filter(BenchResult::clientBound).toList();
        if (!clientBound.isEmpty()) {
            out.add("**† " + clientBound.size() + " client-bound result(s)**: the driver was saturated and the "
                    + "server was not, so differences between servers there say more about the client than the server.");
            out.add("");
        }
    }

    private static void section(Panel panel, List<Figure> figures, Path chartsDir, List<String> out) {
        out.add("## " + panel.benchmark() + ": " + panel.describe());
        out.add("");
        List<Long> connections = panel.connectionCounts();
        for (Figure figure : figures) {
            if (panel.results().stream().noneMatch(r -> r.metric(figure.metric).isPresent())) {
                continue; // not measured in this run (e.g. remote server: no server-side figures)
            }
            out.add("**" + figure.heading + "**");
            out.add("");
            StringBuilder header = new StringBuilder("| impl \\ connections |");
            StringBuilder rule = new StringBuilder("|---|");
            connections.forEach(c -> {
                header.append(' ').append(c).append(" |");
                rule.append("---:|");
            });
            out.add(header.toString());
            out.add(rule.toString());
            for (String impl : panel.impls()) {
                StringBuilder line = new StringBuilder("| " + impl + " |");
                for (long count : connections) {
                    Optional<BenchResult> result = panel.ofImpl(impl).stream()
                            .filter(r -> r.longParam(Panel.CONNECTIONS) == count).findFirst();
                    line.append(' ').append(result.map(r -> cell(r, figure)).orElse("–")).append(" |");
                }
                out.add(line.toString());
            }
            out.add("");
            if (figure.chartStem != null) {
                String chart = figure.chartStem + "-" + panel.slug() + ".png";
                if (Files.exists(chartsDir.resolve(chart))) {
                    out.add("![" + figure.heading + "](" + Charts.DIR + "/" + chart + ")");
                    out.add("");
                }
            }
        }
        // the panel's own extra charts: throughput as a ratio to the reference, the latency spectrum and the
        // echoes/s-against-CPU (Pareto) chart per connection count
        List<String> extra = new ArrayList<>();
        extra.add(Charts.RATIO_STEM + "-" + panel.slug() + ".png");
        panel.connectionCounts().forEach(c -> extra.add(Charts.SPECTRUM_STEM + "-" + panel.slug() + "-connections" + c + ".png"));
        panel.connectionCounts().forEach(c -> extra.add(ParetoChart.STEM + "-" + panel.slug() + "-connections" + c + ".png"));
        for (String chart : extra) {
            if (Files.exists(chartsDir.resolve(chart))) {
                out.add("![" + chart.replace(".png", "") + "](" + Charts.DIR + "/" + chart + ")");
                out.add("");
            }
        }
    }

    private static String cell(BenchResult result, Figure figure) {
        if (result.invalid()) {
            return result.errors() > 0 ? "INVALID (" + Math.round(result.errors()) + " errors)" : "INVALID (see the top)";
        }
        if (result.reachedLimit()) {
            return "limit";
        }
        Optional<Measure> measure = result.metric(figure.metric);
        if (measure.isEmpty()) {
            return "–";
        }
        Measure m = measure.get();
        boolean count = figure.metric.equals("server.threads");
        if (figure.metric.equals(Metric.MEMORY_PER_CONNECTION) && m.includesZero()) {
            return Numbers.perConnection(m) + (result.clientBound() ? " †" : "");
        }
        String text = count ? Long.toString(Math.round(m.score())) : Numbers.compact(m.score());
        double spread = m.relativeSpread();
        if (Double.isFinite(spread)) {
            text += " ±" + (spread < 0.01 ? "<1" : Long.toString(Math.round(100 * spread))) + "%";
            if (spread > NOISY_SPREAD) text += " ‡";
        }
        return text + (result.clientBound() ? " †" : "");
    }
}
