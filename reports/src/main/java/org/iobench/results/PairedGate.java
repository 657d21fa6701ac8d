package org.iobench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.iobench.results.stats.FigureJudgement;
import org.iobench.results.stats.GateOutcome;
import org.iobench.results.stats.PairedFigure;
import org.iobench.results.stats.RegressionRule;

/**
 * The regression gate on an A/B run ({@code scripts/compare-refs}, {@code bench --base}): base and head
 * measured each trial back to back in every round, so each gated figure is judged on its per-round
 * ratios head/base ({@link RegressionRule}: paired t on the log ratios, Benjamini–Hochberg over every
 * figure judged at once, and the practical threshold).
 *
 * <p>Gated: the primary figures, those measured well enough to judge: closed-loop echoes/s and server
 * CPU per echo, open-loop p99 latency and server CPU per echo at the fixed rate. Not gated: memory
 * (RSS per connection at 100 connections is mostly heap, not connections), max and p99.99 latency
 * (single hiccups), and figures that restate these (MB/s, utilisation).
 */
public final class PairedGate {
    /** Which figures are judged, per benchmark (the short name, as in {@link BenchResult#shortName()}). */
    static final Map<String, List<String>> GATED = Map.of(
            "ThroughputBenchmark.echo", List.of(Metric.PRIMARY, "server.cpu.us.per.echo"),
            "LatencyBenchmark.echo", List.of("latency.p99", "server.cpu.us.per.echo"));

    /** One judged figure of one result. */
    public record Row(BenchResult result, Metric metric, double base, double head, FigureJudgement judgement) {
    }

    public record Outcome(List<Row> rows, int rounds, String session) {
        public List<Row> with(GateOutcome outcome) {
            return rows.stream().filter(r -> r.judgement().outcome() == outcome).toList();
        }
    }

    private PairedGate() {
    }

    public static Outcome judge(RunDir base, RunDir head, RegressionRule rule) throws ResultsException {
        String session = checkPaired(base, head);
        List<Row> unjudged = new ArrayList<>();
        List<PairedFigure> figures = new ArrayList<>();
        TreeSet<Integer> allRounds = new TreeSet<>();
        for (String metricName : GATED.values().stream().flatMap(List::stream).distinct().toList()) {
            RoundFigures baseRounds = RoundFigures.read(base.dir(), metricName);
            RoundFigures headRounds = RoundFigures.read(head.dir(), metricName);
            for (BenchResult result : SummaryCsv.sorted(base.results())) {
                if (!GATED.getOrDefault(result.shortName(), List.of()).contains(metricName) || result.reachedLimit()) continue;
                Map<Integer, Double> b = baseRounds.of(result.key());
                Map<Integer, Double> h = headRounds.of(result.key());
                List<Integer> paired = b.keySet().stream().filter(h::containsKey).sorted().toList();
                if (paired.isEmpty()) continue;
                allRounds.addAll(paired);
                double[] basePerRound = paired.stream().mapToDouble(b::get).toArray();
                double[] headPerRound = paired.stream().mapToDouble(h::get).toArray();
                Metric metric = Metric.of(metricName);
                figures.add(new PairedFigure(result.key() + " " + metric.label(), metric.direction(), basePerRound, headPerRound));
                unjudged.add(new Row(result, metric, median(basePerRound), median(headPerRound), null));
            }
        }
        if (figures.isEmpty()) {
            throw new ResultsException("no gated figure was measured by both sides in the same round");
        }
        List<FigureJudgement> judgements = rule.judge(figures);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < unjudged.size(); i++) {
            Row row = unjudged.get(i);
            rows.add(new Row(row.result(), row.metric(), row.base(), row.head(), judgements.get(i)));
        }
        rows.sort(Comparator.comparing((Row r) -> r.judgement().outcome()));
        return new Outcome(rows, allRounds.size(), session);
    }

    /** Both folders must be the two sides of one A/B run, each complete and valid. */
    private static String checkPaired(RunDir base, RunDir head) throws ResultsException {
        for (RunDir run : List.of(base, head)) {
            if (!run.validity().valid()) {
                throw new ResultsException(run.name() + " is " + run.validity().outcome() + " (see its summary.md)");
            }
        }
        String session = base.env("ab.session");
        if (session.isEmpty() || !session.equals(head.env("ab.session"))) {
            throw new ResultsException("--paired needs the two sides of one A/B run (scripts/compare-refs, or bench --base), "
                    + "measured back to back; " + base.name() + " and " + head.name() + " are not (ab.session '" + session
                    + "' vs '" + head.env("ab.session") + "'); compare separate runs without --paired");
        }
        if (!"base".equals(base.env("ab.side")) || !"head".equals(head.env("ab.side"))) {
            throw new ResultsException("give the base side first, then the head side (ab.side is '" + base.env("ab.side")
                    + "' and '" + head.env("ab.side") + "')");
        }
        return session;
    }

    private static double median(double[] values) {
        return org.iobench.bench.stats.RoundSamples.of(values).medianOfRoundMedians();
    }
}
