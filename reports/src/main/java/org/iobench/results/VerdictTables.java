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

    private VerdictTables() {
    }

    static List<String> lines(RunDir run) {
        List<String> out = new ArrayList<>();
        String reference = run.env("reference.impl").isBlank() ? Compare.DEFAULT_REFERENCE : run.env("reference.impl");
        for (Panel panel : Panel.of(run.results(), Charts.THROUGHPUT_BENCHMARK)) tables(run, panel, Workload.CLOSED_LOOP, reference, out);
        for (Panel panel : Panel.of(run.results(), Charts.LATENCY_BENCHMARK)) tables(run, panel, Workload.FIXED_RATE, reference, out);
        for (Panel panel : Panel.of(run.results(), CHURN_BENCHMARK)) tables(run, panel, Workload.CHURN, reference, out);
        if (!out.isEmpty()) {
            out.addFirst("");
            out.addFirst("## Verdict");
        }
        return out;
    }

    static final String CHURN_BENCHMARK = "ChurnBenchmark.echo";

    /** What a verdict ranks on, per benchmark: its declared figure, and how the table reads. */
    private enum Workload {
        CLOSED_LOOP("Closed loop", "echoes/s, highest first", Metric.PRIMARY,
                "| | impl | echoes/s | ÷ best | % of %s | server CPU µs/echo | memory KiB/conn |"),
        FIXED_RATE("Fixed rate", "server CPU µs per echo, lowest first", CPU,
                "| | impl | server CPU µs/echo | ÷ best | p99 µs | delivered | memory KiB/conn |"),
        CHURN("Connection churn (connect, echo, close)", "connections/s, highest first", Metric.PRIMARY,
                "| | impl | connections/s | ÷ best | % of %s | server CPU µs/connection | p99 µs connect→echo |");

        final String title;
        final String ranking;
        final String metric;
        final String header;

        Workload(String title, String ranking, String metric, String header) {
            this.title = title;
            this.ranking = ranking;
            this.metric = metric;
            this.header = header;
        }
    }

    private static void tables(RunDir run, Panel panel, Workload workload, String reference, List<String> out) {
        String metric = workload.metric;
        boolean closedLoop = metric.equals(Metric.PRIMARY);
        Comparator<BenchResult> best = Comparator.comparingDouble(r -> r.metric(metric).get().score());
        if (closedLoop) best = best.reversed();
        RoundFigures rounds;
        try {
            rounds = RoundFigures.read(run.dir(), metric);
        } catch (ResultsException e) {
            out.add("(No verdict: " + e.getMessage() + ")");
            return;
        }
        for (long connections : panel.connectionCounts()) {
            List<BenchResult> ranked = panel.results().stream()
                    .filter(r -> r.longParam(Panel.CONNECTIONS) == connections && r.hasFigure() && r.metric(metric).isPresent())
                    .sorted(best).toList();
            if (ranked.size() < 2) continue;
            String top = ranked.getFirst().impl();
            out.add("**" + workload.title + ", " + panel.describe() + ", " + connections
                    + (workload == Workload.CHURN ? " in flight" : " connections") + "**: " + workload.ranking
                    + "; ★ best, or tied with it (the paired per-round ratio's 95% interval includes 1); † client-bound,"
                    + " ⚑ some iterations disturbed.");
            out.add("");
            out.add(workload.header.replace("%s", reference));
            out.add("|---|---|---:|---:|---:|---:|---:|");
            for (BenchResult result : ranked) {
                Optional<IntervalEstimate> toBest = result.impl().equals(top) ? Optional.empty()
                        : rounds.pairedRatio(result, top, 1);
                boolean tied = result.impl().equals(top) || toBest.map(r -> r.low() <= 1 && 1 <= r.high()).orElse(false);
                String figure = Numbers.compact(result.metric(metric).get().score());
                String ratio = result.impl().equals(top) ? "1" : toBest.map(VerdictTables::ratio).orElse("–");
                String last = result.metric(workload == Workload.CHURN ? "latency.p99" : MEMORY)
                        .map(m -> Numbers.compact(m.score())).orElse("–");
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
                out.add("| " + (tied ? "★" : "") + " | " + result.impl() + marks(result) + " | " + figure + " | " + ratio + " | "
                        + third + " | " + fourth + " | " + last + " |");
            }
            out.add("");
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
