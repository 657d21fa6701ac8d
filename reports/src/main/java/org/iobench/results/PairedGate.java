package org.iobench.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.iobench.bench.measure.CoreDistance;
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
 * <p>Gated: closed-loop echoes/s, server CPU per echo and p99 latency (where a stall that hurts only
 * the tail shows: a 1 ms stall every 50 ms moved it +62% [+49%, +77%] in an A/B run here while
 * echoes/s stayed within noise), and server CPU per echo at the fixed rate. Reported with the same
 * statistics but not gated: p99 at the fixed rate, whose per-round ratios spread by σ = 60% (median over
 * 15 figures of 5 A/A runs on the development VM, range 29–131%; closed-loop p99: 36%, echoes/s 3.6%,
 * CPU per echo 2.2% closed loop and 5.9% at the fixed rate; results/ab-power-2026-11-27): the idle
 * server CPU's wake-ups from the hypervisor set that tail, so 5
 * rounds cannot tell a doubling from noise and gating it would only dilute the correction. A figure
 * too noisy to decide is INCONCLUSIVE with the change it could have seen, never "no change". Not
 * looked at: memory (at 100 connections the per-connection figure is the JVM's own growth), max and
 * p99.99 latency (single hiccups), and figures that restate these (MB/s, utilisation).
 */
public final class PairedGate {
    /**
     * A figure the gate looks at. Gated figures decide the exit status (Benjamini–Hochberg over them all);
     * reported ones get the same paired statistics, shown apart, and decide nothing.
     */
    record Watched(String benchmark, String metric, boolean gated) {
    }

    static final String CPU = "server.cpu.us.per.echo";
    static final List<Watched> WATCHED = List.of(
            new Watched("ThroughputBenchmark.echo", Metric.PRIMARY, true),
            new Watched("ThroughputBenchmark.echo", CPU, true),
            new Watched("LatencyBenchmark.echo", CPU, true),
            new Watched("ThroughputBenchmark.echo", "latency.p99", true),
            new Watched("LatencyBenchmark.echo", "latency.p99", false));

    /** One judged figure of one result. */
    public record Row(BenchResult result, Metric metric, boolean gated, double base, double head, FigureJudgement judgement) {
    }

    /**
     * @param droppedPairs rounds of a result left out because a side's fork there was disturbed
     * @param splitPairs   rounds of a result left out because its two forks ran in different CPU placements
     */
    public record Outcome(List<Row> rows, int rounds, String session, int droppedPairs, int splitPairs) {
        /** The gated rows with this outcome (the reported ones decide nothing). */
        public List<Row> with(GateOutcome outcome) {
            return gated().stream().filter(r -> r.judgement().outcome() == outcome).toList();
        }

        public List<Row> gated() {
            return rows.stream().filter(Row::gated).toList();
        }

        public List<Row> reported() {
            return rows.stream().filter(r -> !r.gated()).toList();
        }
    }

    private PairedGate() {
    }

    public static Outcome judge(RunDir base, RunDir head, RegressionRule rule) throws ResultsException {
        String session = checkPaired(base, head);
        TreeSet<Integer> allRounds = new TreeSet<>();
        RoundFigures baseDisturbed = RoundFigures.read(base.dir(), DISTURBED);
        RoundFigures headDisturbed = RoundFigures.read(head.dir(), DISTURBED);
        RoundFigures baseDistance = RoundFigures.read(base.dir(), CPU_DISTANCE);
        RoundFigures headDistance = RoundFigures.read(head.dir(), CPU_DISTANCE);
        java.util.Set<String> dropped = new java.util.HashSet<>();
        java.util.Set<String> split = new java.util.HashSet<>();
        List<Row> rows = new ArrayList<>();
        for (boolean gated : List.of(true, false)) {
            List<Row> unjudged = new ArrayList<>();
            List<PairedFigure> figures = new ArrayList<>();
            for (Watched watched : WATCHED.stream().filter(w -> w.gated() == gated).toList()) {
                RoundFigures baseRounds = RoundFigures.read(base.dir(), watched.metric());
                RoundFigures headRounds = RoundFigures.read(head.dir(), watched.metric());
                for (BenchResult result : SummaryCsv.sorted(base.results())) {
                    if (!result.shortName().equals(watched.benchmark()) || result.reachedLimit()) continue;
                    Map<Integer, Double> b = baseRounds.of(result.key());
                    Map<Integer, Double> h = headRounds.of(result.key());
                    List<Integer> measured = b.keySet().stream().filter(h::containsKey).sorted().toList();
                    List<Integer> undisturbed = measured.stream().filter(r -> !disturbed(baseDisturbed, result, r)
                            && !disturbed(headDisturbed, result, r)).toList();
                    measured.stream().filter(r -> !undisturbed.contains(r)).forEach(r -> dropped.add(result.key() + " round " + r));
                    List<Integer> paired = undisturbed.stream().filter(r -> !placedApart(baseDistance, headDistance, result, r)).toList();
                    undisturbed.stream().filter(r -> !paired.contains(r)).forEach(r -> split.add(result.key() + " round " + r));
                    if (paired.isEmpty()) continue;
                    allRounds.addAll(paired);
                    double[] basePerRound = paired.stream().mapToDouble(b::get).toArray();
                    double[] headPerRound = paired.stream().mapToDouble(h::get).toArray();
                    Metric metric = Metric.of(watched.metric());
                    figures.add(new PairedFigure(result.key() + " " + metric.label(), metric.direction(), basePerRound, headPerRound));
                    unjudged.add(new Row(result, metric, gated, median(basePerRound), median(headPerRound), null));
                }
            }
            List<FigureJudgement> judgements = rule.judge(figures);
            for (int i = 0; i < unjudged.size(); i++) {
                Row row = unjudged.get(i);
                rows.add(new Row(row.result(), row.metric(), gated, row.base(), row.head(), judgements.get(i)));
            }
        }
        if (rows.stream().noneMatch(Row::gated)) {
            throw new ResultsException(dropped.isEmpty() && split.isEmpty() ? "no gated figure was measured by both sides in the same round"
                    : "every measured round had a disturbed fork on one side (" + dropped.size() + " pairs dropped) or its two"
                    + " forks in different CPU placements (" + split.size() + "): the machine was too unsettled to measure;"
                    + " see each side's summary.md");
        }
        rows.sort(Comparator.comparing((Row r) -> !r.gated()).thenComparing(r -> r.judgement().outcome()));
        return new Outcome(rows, allRounds.size(), session, dropped.size(), split.size());
    }

    private static final String DISTURBED = "disturbed";
    private static final String CPU_DISTANCE = "cpu.distance.ns";

    /**
     * Whether the two forks of a round ran with the driver's and server's CPUs at different distances
     * ({@link CoreDistance}): one with its CPUs sharing a cache and one without is not a pair, whatever the
     * code did. Unknown (a side that does not measure it, or unpinned) pairs as before.
     */
    static boolean placedApart(RoundFigures base, RoundFigures head, BenchResult result, int round) {
        Double b = base.of(result.key()).get(round);
        Double h = head.of(result.key()).get(round);
        if (b == null || h == null || b.isNaN() || h.isNaN()) return false;
        return CoreDistance.fartherThan(Math.max(b, h), Math.min(b, h));
    }

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
            run.requireUnprofiled();
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
