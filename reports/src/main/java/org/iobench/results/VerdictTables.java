package org.iobench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.iobench.bench.stats.IntervalEstimate;

/**
 * The answer first (issue 13): per workload and connection count, the models ranked on the workload's
 * one declared figure, the best marked together with every model tied with it, and beside each the
 * figures that decide a choice. A tie is a model whose paired per-round ratio to the best has an
 * interval that includes 1: the rounds cannot tell them apart.
 *
 * <ul>
 *   <li>closed loop (ThroughputBenchmark): echoes/s, highest first;</li>
 *   <li>open loop at a fixed rate (LatencyBenchmark): server CPU per echo, lowest first, the ranking a
 *       saturated client cannot blur, with p99 and whether the rate was delivered.</li>
 * </ul>
 */
final class VerdictTables {
    private static final String CPU = "server.cpu.us.per.echo";
    private static final String MEMORY = Metric.MEMORY_PER_CONNECTION;
    static final String BEST_MARK = "★";

    /** One table: a workload at one connection count, its columns, and the models ranked best first. */
    record Table(String title, String legend, List<String> columns, List<Row> rows) {
    }

    /** One model's row: whether it is the best or tied with it, then one text per column after the mark. */
    record Row(boolean best, List<String> cells) {
    }

    private VerdictTables() {
    }

    static final String CHURN_BENCHMARK = "ChurnBenchmark.echo";

    /** What a verdict ranks on, per benchmark: its one declared figure, and how the table reads. */
    private enum Workload {
        CLOSED_LOOP(Charts.THROUGHPUT_BENCHMARK, "Closed loop", " connections", "echoes/s, highest first", Metric.PRIMARY,
                List.of("", "impl", "echoes/s", "÷ best", "% of %s", "server CPU µs/echo", "memory KiB/conn")),
        FIXED_RATE(Charts.LATENCY_BENCHMARK, "Fixed rate", " connections", "server CPU µs per echo, lowest first", CPU,
                List.of("", "impl", "server CPU µs/echo", "÷ best", "p99 µs", "delivered", "memory KiB/conn")),
        CHURN(CHURN_BENCHMARK, "Connection churn (connect, echo, close)", " in flight", "connections/s, highest first",
                Metric.PRIMARY, List.of("", "impl", "connections/s", "÷ best", "% of %s", "server CPU µs/connection",
                "p99 µs connect→echo"));

        final String benchmark;
        final String title;
        final String connectionsUnit;
        final String ranking;
        final String metric;
        final List<String> columns;

        Workload(String benchmark, String title, String connectionsUnit, String ranking, String metric, List<String> columns) {
            this.benchmark = benchmark;
            this.title = title;
            this.connectionsUnit = connectionsUnit;
            this.ranking = ranking;
            this.metric = metric;
            this.columns = columns;
        }

        static Workload of(String benchmark) {
            for (Workload w : values()) if (w.benchmark.equals(benchmark)) return w;
            throw new IllegalArgumentException("no verdict for " + benchmark);
        }
    }

    /** The workload's one declared figure: echoes/s in a closed loop, server CPU per echo at a fixed rate, connections/s in churn. */
    static String figureOf(String benchmark) {
        return Workload.of(benchmark).metric;
    }

    static String figureOf(Panel panel) {
        return figureOf(panel.benchmark());
    }

    /** summary.md's verdict section: the tables of {@link #of} in Markdown. */
    static List<String> lines(RunDir run) {
        List<String> out = new ArrayList<>();
        try {
            for (Table table : of(run)) {
                out.add("**" + table.title() + "**: " + table.legend());
                out.add("");
                out.add("| " + String.join(" | ", table.columns()).strip() + " |"); // the mark's column has no heading
                out.add("|---|---" + "|---:".repeat(table.columns().size() - 2) + "|");
                for (Row row : table.rows()) {
                    out.add("| " + (row.best() ? BEST_MARK : "") + " | " + String.join(" | ", row.cells()) + " |");
                }
                out.add("");
            }
        } catch (ResultsException e) {
            out.add("(No verdict: " + e.getMessage() + ")");
        }
        if (!out.isEmpty()) {
            out.addFirst("");
            out.addFirst("## Verdict");
        }
        return out;
    }

    /** Every verdict table of the run: the closed-loop panels', then the fixed-rate panels', then churn's. */
    static List<Table> of(RunDir run) throws ResultsException {
        List<Table> out = new ArrayList<>();
        String reference = run.env("reference.impl").isBlank() ? Compare.DEFAULT_REFERENCE : run.env("reference.impl");
        for (String benchmark : List.of(Charts.THROUGHPUT_BENCHMARK, Charts.LATENCY_BENCHMARK, CHURN_BENCHMARK)) {
            List<Panel> panels = Panel.of(run.results(), benchmark);
            if (panels.isEmpty()) continue;
            RoundFigures rounds = RoundFigures.read(run.dir(), figureOf(benchmark));
            for (Panel panel : panels) tables(panel, reference, rounds, out);
        }
        return out;
    }

    private static void tables(Panel panel, String reference, RoundFigures rounds, List<Table> out) {
        Workload workload = Workload.of(panel.benchmark());
        String metric = workload.metric;
        boolean closedLoop = metric.equals(Metric.PRIMARY);
        Comparator<BenchResult> best = Comparator.comparingDouble(r -> r.metric(metric).get().score());
        if (closedLoop) best = best.reversed();
        for (long connections : panel.connectionCounts()) {
            List<BenchResult> ranked = panel.results().stream()
                    .filter(r -> r.longParam(Panel.CONNECTIONS) == connections && r.hasFigure() && r.metric(metric).isPresent())
                    .sorted(best).toList();
            if (ranked.size() < 2) continue;
            String top = ranked.getFirst().impl();
            String title = workload.title + ", " + panel.describe() + ", " + connections + workload.connectionsUnit;
            String legend = workload.ranking + "; " + BEST_MARK + " best, or tied with it (the paired per-round ratio's 95% interval includes 1); † client-bound,"
                    + " ⚑ some iterations disturbed.";
            List<String> columns = workload.columns.stream().map(c -> c.replace("%s", reference)).toList();
            List<Row> rows = new ArrayList<>();
            for (BenchResult result : ranked) {
                Optional<IntervalEstimate> toBest = result.impl().equals(top) ? Optional.empty()
                        : rounds.pairedRatio(result, top, 1);
                boolean tied = result.impl().equals(top) || toBest.map(r -> r.low() <= 1 && 1 <= r.high()).orElse(false);
                String figure = Numbers.compact(result.metric(metric).get().score());
                String ratio = result.impl().equals(top) ? "1" : toBest.map(VerdictTables::ratio).orElse("–");
                String last = workload == Workload.CHURN ? result.metric("latency.p99").map(m -> Numbers.compact(m.score())).orElse("–")
                        : result.metric(MEMORY).map(Numbers::perConnection).orElse("–");
                String third;
                String fourth;
                if (closedLoop) {
                    third = rounds.pairedRatio(result, reference, 1)
                            .map(r -> String.format(Locale.ROOT, "%.0f%%", 100 * r.value())).orElse("–");
                    fourth = result.metric(CPU).map(m -> Numbers.compact(m.score())).orElse("–");
                } else {
                    third = result.metric("latency.p99").map(m -> Numbers.compact(m.score())).orElse("–");
                    double offered = result.metric("offered.rate").map(Measure::score).orElse(Double.NaN);
                    fourth = Double.isFinite(offered) && offered > 0
                            ? Math.round(100 * result.metric(Metric.PRIMARY).get().score() / offered) + "%" : "–";
                }
                rows.add(new Row(tied, List.of(result.impl() + marks(result), figure, ratio, third, fourth, last)));
            }
            out.add(new Table(title, legend, columns, rows));
        }
    }

    private static String ratio(IntervalEstimate ratio) {
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", ratio.value(), ratio.low(), ratio.high());
    }

    /** † the driver was the limit; ⚑ the interference probe flagged some of its iterations. */
    static String marks(BenchResult result) {
        return (result.clientBound() ? " †" : "") + (result.metric("disturbed").map(m -> m.score() > 0).orElse(false) ? " ⚑" : "");
    }
}
