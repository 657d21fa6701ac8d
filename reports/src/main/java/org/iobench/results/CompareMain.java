package org.iobench.results;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.iobench.results.stats.GateOutcome;
import org.iobench.results.stats.RegressionRule;

/**
 * {@code scripts/compare <baseline-run> <current-run> [--threshold 10%] [--relative-to <impl>|--absolute]}
 * <p>
 * Prints a Markdown table per benchmark x params (baseline, current, change, verdict) and exits with
 * one of three distinct statuses, each with one line on stderr that starts with which it is:
 * 0 "ok" (no regression), 1 "REGRESSION", 2 "unusable input" (a missing, malformed, invalid or
 * incomplete run: the invalid trials are named) or "inconclusive" (nothing could be judged, or a
 * figure got worse beyond the threshold without an interval to confirm it).
 * Default mode: relative to native-epoll-et (or the reference.impl the baseline recorded), because the
 * committed baseline and the CI runner are different machines; --absolute compares raw figures.
 */
public final class CompareMain {

    public static final int OK = 0;
    public static final int REGRESSED = 1;
    public static final int UNUSABLE = 2;
    /** The same status as unusable input (the gate cannot pass it), told apart by the message. */
    public static final int INCONCLUSIVE = 2;

    static final String USAGE = "usage: compare <baseline-run> <current-run> [--threshold 10%] "
            + "[--relative-to <impl> | --absolute] [--allow-env-mismatch]\n"
            + "       compare --paired <A/B run>/base <A/B run>/head [--threshold 5%] [--fdr 5%] [--json FILE]";
    /**
     * Across two runs (committed-baseline mode) 10%: machines of one kind differ by more than one machine
     * between interleaved rounds. The paired A/B gate uses {@link RegressionRule#DEFAULT_THRESHOLD} (5%): its
     * false alarms are held by Benjamini–Hochberg, not by the threshold (A/A: 0 significant figures in 57,
     * results/ab-power-placement), and at 10% it let an extra system call per read (+8% CPU per echo) through.
     */
    private static final double DEFAULT_THRESHOLD = 0.10;

    private CompareMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole tool as a function, so tests can call it without System.exit. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        Double threshold = null;
        String reference = null;
        boolean absolute = false;
        boolean paired = false;
        boolean allowEnvMismatch = false;
        Double falseDiscoveryRate = null;
        Path json = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--threshold" -> threshold = parsePercent("--threshold", value(args, ++i, "--threshold"));
                    case "--relative-to" -> reference = value(args, ++i, "--relative-to");
                    case "--absolute" -> absolute = true;
                    case "--paired" -> paired = true;
                    case "--allow-env-mismatch" -> allowEnvMismatch = true;
                    case "--fdr" -> falseDiscoveryRate = parsePercent("--fdr", value(args, ++i, "--fdr"));
                    case "--json" -> json = Path.of(value(args, ++i, "--json"));
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return OK;
                    }
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new ResultsException("unknown option " + args[i] + "; " + USAGE);
                        }
                        positional.add(args[i]);
                    }
                }
            }
            if (positional.size() != 2) {
                throw new ResultsException("need exactly two run folders; " + USAGE);
            }
            if (paired) {
                if (absolute || reference != null) throw new ResultsException("--paired compares the two sides of one A/B run directly:"
                        + " --absolute and --relative-to do not apply");
                return paired(positional, threshold != null ? threshold : RegressionRule.DEFAULT_THRESHOLD, falseDiscoveryRate, json, out, err);
            }
            if (falseDiscoveryRate != null || json != null) throw new ResultsException("--fdr and --json go with --paired");
            if (absolute && reference != null) {
                throw new ResultsException("--absolute and --relative-to exclude each other");
            }
            RunDir baseline = RunDir.load(Path.of(positional.get(0)));
            RunDir current = RunDir.load(Path.of(positional.get(1)));
            if (!absolute && reference == null) {
                String recorded = baseline.env("reference.impl").strip();
                reference = recorded.isEmpty() ? Compare.DEFAULT_REFERENCE : recorded;
            }
            Compare.Options options = new Compare.Options(threshold != null ? threshold : DEFAULT_THRESHOLD, absolute ? null : reference, allowEnvMismatch);
            Compare.Outcome outcome = Compare.compare(baseline, current, options);
            print(baseline, current, options, outcome, out);
            List<Compare.Row> regressions = outcome.regressions();
            if (!regressions.isEmpty()) {
                Compare.Row first = regressions.getFirst();
                err.println("iobench compare: REGRESSION in " + regressions.size() + " figure(s), e.g. "
                        + first.result().key() + " " + first.metric().label() + " " + Numbers.percent(first.change()));
                return REGRESSED;
            }
            if (outcome.rows().isEmpty()) {
                err.println("iobench compare: inconclusive: no figure could be compared (" + notCompared(outcome) + ")");
                return INCONCLUSIVE;
            }
            long unconfirmed = outcome.rows().stream().filter(r -> r.verdict() == Verdict.NO_INTERVAL).count();
            if (unconfirmed > 0) {
                err.println("iobench compare: inconclusive: " + unconfirmed + " figure(s) worse beyond the threshold but"
                        + " unconfirmed (a run measured one iteration, so there is no interval); gate on runs with >= 2 iterations");
                return INCONCLUSIVE;
            }
            err.println("iobench compare: ok: no regression in " + outcome.rows().size() + " figure(s) compared");
            return OK;
        } catch (ResultsException unusable) {
            err.println("iobench compare: unusable input: " + unusable.getMessage());
            return UNUSABLE;
        }
    }

    /** The A/B gate: exit 1 on a regression; 0 otherwise, saying how many figures it could not decide. */
    private static int paired(List<String> positional, double threshold, Double falseDiscoveryRate, Path json,
                              PrintStream out, PrintStream err) throws ResultsException {
        RunDir base = RunDir.load(Path.of(positional.get(0)));
        RunDir head = RunDir.load(Path.of(positional.get(1)));
        RegressionRule rule = new RegressionRule(threshold, falseDiscoveryRate != null ? falseDiscoveryRate
                : RegressionRule.DEFAULT_FALSE_DISCOVERY_RATE, RegressionRule.DEFAULT_MIN_ROUNDS);
        PairedGate.Outcome outcome = PairedGate.judge(base, head, rule);
        PairedGateReport.markdown(base, head, rule, outcome, out);
        if (json != null) PairedGateReport.json(outcome, rule, json);
        List<PairedGate.Row> regressions = outcome.with(GateOutcome.REGRESSION);
        int undecided = outcome.with(GateOutcome.INCONCLUSIVE).size();
        if (!regressions.isEmpty()) {
            err.println("iobench compare: REGRESSION in " + regressions.size() + " figure(s), e.g. " + regressions.getFirst().judgement().figure()
                    + ": " + regressions.getFirst().judgement().reason());
            return REGRESSED;
        }
        if (undecided == outcome.gated().size()) {
            err.println("iobench compare: inconclusive: none of the " + undecided + " figures could be decided over "
                    + outcome.rounds() + " rounds (see the reasons); run more rounds");
            return INCONCLUSIVE;
        }
        err.println("iobench compare: ok: no regression in " + outcome.gated().size() + " gated figure(s) over " + outcome.rounds()
                + " paired rounds" + (undecided > 0 ? "; " + undecided + " could not be decided (see the reasons)" : ""));
        return OK;
    }

    private static void print(RunDir baseline, RunDir current, Compare.Options options,
                              Compare.Outcome outcome, PrintStream out) {
        out.println("# iobench compare: " + baseline.name() + " (baseline) vs " + current.name() + " (current)");
        out.println();
        out.println(options.relative()
                ? "Mode: relative to **" + options.referenceImpl() + "**: each figure is divided by the reference's "
                  + "figure from the same run and params, so runs from different machines compare."
                : "Mode: absolute figures (same machine assumed).");
        out.printf(Locale.ROOT, "Threshold %.0f%%. A REGRESSION needs a change beyond the threshold in the bad "
                + "direction *and* disjoint JMH 99.9%% confidence intervals; beyond the threshold with overlapping "
                + "intervals is noise.%n%n", options.thresholdFraction() * 100);
        CpuPlacement.comparison(baseline, current).ifPresent(line -> out.println(line + "\n"));
        List<Compare.Row> regressions = outcome.regressions();
        out.println(regressions.isEmpty() ? "**Result: no regression** (" + outcome.rows().size() + " figures)."
                : "**Result: " + regressions.size() + " REGRESSION(S)**:");
        regressions.forEach(r -> out.println("- " + r.result().key() + ": " + r.metric().label() + " "
                + Numbers.percent(r.change())));
        out.println();
        Map<String, List<Compare.Row>> byKey = new LinkedHashMap<>();
        outcome.rows().forEach(r -> byKey.computeIfAbsent(r.result().key(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<Compare.Row>> entry : byKey.entrySet()) {
            boolean clientBound = entry.getValue().stream().anyMatch(Compare.Row::clientBound);
            out.println("### " + entry.getKey() + (clientBound ? " (client-bound: driver saturated)" : ""));
            out.println();
            out.println("| figure | baseline | current | change | verdict |");
            out.println("|---|---:|---:|---:|---|");
            for (Compare.Row row : entry.getValue()) {
                String unit = options.relative() ? "÷ " + options.referenceImpl() : row.current().unit();
                out.println("| " + row.metric().label() + " (" + unit + ") | "
                        + figure(row.baseline()) + " | " + figure(row.current()) + " | "
                        + Numbers.percent(row.change()) + " | " + row.verdict().label + " |");
            }
            out.println();
        }
        long withoutInterval = outcome.rows().stream()
                .filter(r -> !r.baseline().hasInterval() || !r.current().hasInterval()).count();
        if (withoutInterval > 0) {
            out.println("Note: " + withoutInterval + " figure(s) have no confidence interval (a run measured a single "
                    + "iteration), so the gate cannot confirm a regression there; gate on runs with >= 2 iterations.");
        }
        if (outcome.onlyInBaseline() + outcome.onlyInCurrent() + outcome.withoutReference() + outcome.atLimit() > 0) {
            out.println("Not compared: " + notCompared(outcome) + ".");
        }
    }

    private static String notCompared(Compare.Outcome outcome) {
        return outcome.onlyInBaseline() + " result(s) only in the baseline, " + outcome.onlyInCurrent()
                + " only in the current run, " + outcome.withoutReference() + " without a reference result for the same params, "
                + outcome.atLimit() + " at a limit in either run";
    }

    private static String figure(Measure measure) {
        String value = Numbers.compact(measure.score());
        return measure.hasInterval()
                ? value + " [" + Numbers.compact(measure.ciLow()) + ", " + Numbers.compact(measure.ciHigh()) + "]"
                : value;
    }

    static double parsePercent(String option, String text) throws ResultsException {
        String number = text.strip().endsWith("%") ? text.strip().substring(0, text.strip().length() - 1) : text.strip();
        try {
            double percent = Double.parseDouble(number);
            if (percent < 0 || percent >= 100 || !Double.isFinite(percent)) {
                throw new ResultsException(option + " must be between 0% and 100%, got " + text);
            }
            return percent / 100;
        } catch (NumberFormatException e) {
            throw new ResultsException(option + " wants a percentage such as 10%, got " + text);
        }
    }

    private static String value(String[] args, int index, String option) throws ResultsException {
        if (index >= args.length) {
            throw new ResultsException(option + " needs a value; " + USAGE);
        }
        return args[index];
    }
}
