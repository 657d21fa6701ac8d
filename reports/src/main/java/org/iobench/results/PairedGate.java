package org.iobench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.iobench.bench.measure.IterationInterference;
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
 * <p>Gated: the primary figures: closed-loop echoes/s, server CPU per echo and p99 latency (a stall
 * that hurts only the tail shows there: in an A/A run on the development VM its per-round ratios
 * spread by σ ≈ 11%, where the open-loop p99 spreads by ≈ 80%, because at a fixed rate the idle server
 * CPU's wake-ups from the hypervisor set the tail), and at the fixed rate p99 latency and server CPU
 * per echo. A figure too noisy to decide is reported INCONCLUSIVE with the change it could have seen,
 * never passed off as "no change". Not gated: memory (at 100 connections the per-connection figure is
 * the JVM's own growth), max and p99.99 latency (single hiccups), and figures that restate these (MB/s,
 * utilisation).
 */
public final class PairedGate {
    /** Which figures are judged, per benchmark (the short name, as in {@link BenchResult#shortName()}). */
    static final Map<String, List<String>> GATED = Map.of(
            "ThroughputBenchmark.echo", List.of(Metric.PRIMARY, "server.cpu.us.per.echo", "latency.p99"),
            "LatencyBenchmark.echo", List.of("latency.p99", "server.cpu.us.per.echo"));

    /** One judged figure of one result. */
    public record Row(BenchResult result, Metric metric, double base, double head, FigureJudgement judgement) {
    }

    /** @param droppedPairs rounds of a result left out because a side's fork there was disturbed */
    public record Outcome(List<Row> rows, int rounds, String session, int droppedPairs) {
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
        RoundFigures baseDisturbed = RoundFigures.read(base.dir(), DISTURBED);
        RoundFigures headDisturbed = RoundFigures.read(head.dir(), DISTURBED);
        java.util.Set<String> dropped = new java.util.HashSet<>();
        for (String metricName : GATED.values().stream().flatMap(List::stream).distinct().toList()) {
            RoundFigures baseRounds = RoundFigures.read(base.dir(), metricName);
            RoundFigures headRounds = RoundFigures.read(head.dir(), metricName);
            for (BenchResult result : SummaryCsv.sorted(base.results())) {
                if (!GATED.getOrDefault(result.shortName(), List.of()).contains(metricName) || result.reachedLimit()) continue;
                Map<Integer, Double> b = baseRounds.of(result.key());
                Map<Integer, Double> h = headRounds.of(result.key());
                List<Integer> measured = b.keySet().stream().filter(h::containsKey).sorted().toList();
                List<Integer> paired = measured.stream().filter(r -> !disturbed(baseDisturbed, result, r)
                        && !disturbed(headDisturbed, result, r)).toList();
                measured.stream().filter(r -> !paired.contains(r)).forEach(r -> dropped.add(result.key() + " round " + r));
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
            throw new ResultsException(dropped.isEmpty() ? "no gated figure was measured by both sides in the same round"
                    : "every measured round had a disturbed fork on one side (" + dropped.size() + " pairs dropped): the machine"
                    + " was too busy to measure; see each side's summary.md");
        }
        List<FigureJudgement> judgements = rule.judge(figures);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < unjudged.size(); i++) {
            Row row = unjudged.get(i);
            rows.add(new Row(row.result(), row.metric(), row.base(), row.head(), judgements.get(i)));
        }
        rows.sort(Comparator.comparing((Row r) -> r.judgement().outcome()));
        return new Outcome(rows, allRounds.size(), session, dropped.size());
    }

    private static final String DISTURBED = "disturbed";

    /** Whether the result's fork in that round had most of its iterations disturbed. */
    private static boolean disturbed(RoundFigures disturbed, BenchResult result, int round) {
        return disturbed.of(result.key()).getOrDefault(round, 0.0) > IterationInterference.MAX_DISTURBED_SHARE;
    }

    /**
     * Both folders must be the two sides of one A/B run, each complete and valid, except that a fork
     * still disturbed when measured again is no reason to refuse the gate: its round's pair is dropped.
     */
    private static String checkPaired(RunDir base, RunDir head) throws ResultsException {
        for (RunDir run : List.of(base, head)) {
            RunValidity validity = run.validity();
            boolean onlyDisturbed = !validity.invalid().isEmpty() && validity.incomplete().isEmpty()
                    && validity.invalid().stream().allMatch(reason -> reason.contains(IterationInterference.TOO_DISTURBED));
            if (!validity.valid() && !onlyDisturbed) {
                throw new ResultsException(run.name() + " is " + validity.outcome() + " (see its summary.md)");
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
