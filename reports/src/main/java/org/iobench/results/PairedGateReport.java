package org.iobench.results;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.iobench.bench.measure.CoreDistance;
import org.iobench.bench.stats.MinimumDetectableEffect;
import org.iobench.bench.stats.PairedRatio;
import org.iobench.results.stats.GateOutcome;
import org.iobench.results.stats.RegressionRule;

/**
 * What the paired gate says, for people (Markdown: a CI job summary and pull-request comment) and for
 * tools ({@code gate.json}: one object per judged figure).
 */
final class PairedGateReport {
    private PairedGateReport() {
    }

    static void markdown(RunDir base, RunDir head, RegressionRule rule, PairedGate.Outcome outcome, PrintStream out) {
        out.println("# iobench gate: " + commit(head) + " (head) vs " + commit(base) + " (base)");
        out.println();
        int regressions = outcome.with(GateOutcome.REGRESSION).size();
        int inconclusive = outcome.with(GateOutcome.INCONCLUSIVE).size();
        int gatedFigures = outcome.gated().size();
        out.println(regressions > 0 ? "**Result: " + regressions + " REGRESSION(S)**" : "**Result: no regression**");
        out.println();
        out.printf(Locale.ROOT, "Measured A/B on one machine (%s, %s): every trial of base and head back to back in each of"
                        + " %d rounds. Each figure is judged on its per-round ratios head/base: a paired t interval on the log"
                        + " ratios at %.0f%%, Benjamini–Hochberg over the %d figures judged at once (false discovery rate %.0f%%),"
                        + " and a practical threshold of %.0f%%. %d of them could not be decided (see why).%n%n",
                head.env("hostname"), head.env("jdk.version"), outcome.rounds(), 100 * (1 - rule.falseDiscoveryRate()),
                gatedFigures, 100 * rule.falseDiscoveryRate(), 100 * rule.threshold(), inconclusive);
        if (outcome.droppedPairs() > 0) {
            out.printf(Locale.ROOT, "%d round(s) of a result were left out because a side's fork there was disturbed (most of"
                    + " its iterations had other work on the pinned CPUs, run-queue waits or steal; see each side's summary.md).%n%n",
                    outcome.droppedPairs());
        }
        if (outcome.splitPairs() > 0) {
            out.printf(Locale.ROOT, "%d round(s) of a result were left out because the base's and the head's forks ran in different"
                    + " CPU placements (the driver's and server's CPUs sharing a cache in one, not in the other: cpu.distance.ns"
                    + " more than %.0fx apart; see docs/statistics.md).%n%n", outcome.splitPairs(), CoreDistance.OTHER_PLACEMENT_RATIO);
        }
        table(outcome.gated(), out);
        if (!outcome.reported().isEmpty()) {
            out.println();
            out.println("Reported, not gated (too noisy on this kind of machine to decide anything at this many rounds; see the"
                    + " power table below):");
            out.println();
            table(outcome.reported(), out);
        }
        out.println();
        power(rule, outcome, out);
        out.println("Why, figure by figure:");
        out.println();
        for (PairedGate.Row row : outcome.rows()) {
            out.println("- " + (row.gated() ? "" : "(not gated) ") + label(row.judgement().outcome()) + ": " + row.judgement().figure()
                    + ": " + row.judgement().reason());
        }
    }

    /** Rounds the power statement is worked out up to. */
    static final int MAX_ROUNDS = 40;

    /**
     * What this run could have seen, per figure kind: from the median between-round spread of the
     * per-round log ratios (σ), the smallest change detected with 80% power when it is the only real
     * change among the m figures (Benjamini–Hochberg then tests it at FDR/m), never below the
     * threshold; and the rounds that would detect twice the threshold.
     */
    static void power(RegressionRule rule, PairedGate.Outcome outcome, PrintStream out) {
        int gated = outcome.gated().size();
        int reported = outcome.reported().size();
        int rounds = outcome.rounds();
        if (rounds < 2 || gated == 0) return;
        java.util.Map<String, java.util.List<Double>> spreads = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> family = new java.util.HashMap<>();
        for (PairedGate.Row row : outcome.rows()) {
            PairedRatio ratio = row.judgement().ratio();
            if (ratio == null || !Double.isFinite(ratio.logSd())) continue;
            String kind = row.result().shortName() + " " + row.metric().label() + (row.gated() ? "" : " (not gated)");
            spreads.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(ratio.logSd());
            family.put(kind, row.gated() ? gated : reported);
        }
        if (spreads.isEmpty()) return;
        out.printf(Locale.ROOT, "What %d rounds can see (80%% power, one real change among the %d gated figures):%n%n", rounds, gated);
        out.println("| figure | between-round σ of log(head/base), median | smallest change detected | rounds for ±"
                + Math.round(200 * rule.threshold()) + "% |");
        out.println("|---|---:|---:|---:|");
        spreads.forEach((figure, sds) -> {
            double sd = sds.stream().sorted().toList().get(sds.size() / 2);
            double alpha = rule.falseDiscoveryRate() / family.get(figure);
            double detectable = Math.max(rule.threshold(), MinimumDetectableEffect.relativeChange(sd, rounds, alpha,
                    MinimumDetectableEffect.DEFAULT_POWER));
            int needed = MinimumDetectableEffect.roundsNeeded(sd, 2 * rule.threshold(), alpha, MinimumDetectableEffect.DEFAULT_POWER,
                    MAX_ROUNDS);
            out.printf(Locale.ROOT, "| %s | %.1f%% | ±%.0f%% | %s |%n", figure, 100 * sd, 100 * detectable,
                    needed < 0 ? "> " + MAX_ROUNDS : Integer.toString(Math.max(needed, RegressionRule.DEFAULT_MIN_ROUNDS)));
        });
        out.println();
    }

    static void json(PairedGate.Outcome outcome, RegressionRule rule, Path file) throws ResultsException {
        JsonObject root = new JsonObject();
        root.addProperty("session", outcome.session());
        root.addProperty("rounds", outcome.rounds());
        root.addProperty("droppedPairs", outcome.droppedPairs());
        root.addProperty("splitPairs", outcome.splitPairs());
        root.addProperty("threshold", rule.threshold());
        root.addProperty("falseDiscoveryRate", rule.falseDiscoveryRate());
        JsonArray figures = new JsonArray();
        for (PairedGate.Row row : outcome.rows()) {
            JsonObject figure = new JsonObject();
            figure.addProperty("benchmark", row.result().shortName());
            figure.addProperty("params", BenchResult.describeParams(row.result().params()));
            figure.addProperty("metric", row.metric().name());
            figure.addProperty("unit", row.metric().unit());
            figure.addProperty("base", row.base());
            figure.addProperty("head", row.head());
            figure.addProperty("outcome", row.judgement().outcome().name());
            figure.addProperty("gated", row.gated());
            PairedRatio ratio = row.judgement().ratio();
            if (ratio != null) {
                figure.addProperty("ratio", ratio.ratio());
                figure.addProperty("low", ratio.low());
                figure.addProperty("high", ratio.high());
                figure.addProperty("p", ratio.pValue());
            }
            figure.addProperty("reason", row.judgement().reason());
            figures.add(figure);
        }
        root.add("figures", figures);
        try {
            Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(root),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResultsException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void table(List<PairedGate.Row> rows, PrintStream out) {
        out.println("| result | figure | base | head | head/base [interval] | verdict |");
        out.println("|---|---|---:|---:|---:|---|");
        for (PairedGate.Row row : rows) {
            PairedRatio ratio = row.judgement().ratio();
            out.println("| " + row.result().shortName() + " " + BenchResult.describeParams(row.result().params()) + " | "
                    + row.metric().label() + " (" + row.metric().unit() + ") | " + Numbers.compact(row.base()) + " | "
                    + Numbers.compact(row.head()) + " | " + (ratio == null ? "–" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]",
                    ratio.ratio(), ratio.low(), ratio.high())) + " | " + label(row.judgement().outcome()) + " |");
        }
    }

    private static String label(GateOutcome outcome) {
        return switch (outcome) {
            case REGRESSION -> "**REGRESSION**";
            case IMPROVEMENT -> "improvement";
            case NO_CHANGE -> "no change";
            case INCONCLUSIVE -> "inconclusive";
        };
    }

    private static String commit(RunDir run) {
        String commit = run.env("git.commit");
        String shortCommit = commit.length() >= 10 ? commit.substring(0, 10) : commit.isEmpty() ? run.name() : commit;
        return "true".equals(run.env("git.dirty")) ? shortCommit + " (with uncommitted changes)" : shortCommit;
    }
}
