package org.iobench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The regression gate's logic. A figure regresses only if it moved beyond the threshold in its bad
 * direction (fewer echoes/s, more latency, CPU or memory) AND the two JMH 99.9% confidence intervals do
 * not overlap: the threshold says "big enough to matter", the intervals say "not noise". In relative
 * mode every figure is first divided by the reference implementation's figure from the same run and
 * params, which cancels the machine: a baseline from a workstation can gate a CI runner.
 */
public final class Compare {

    public static final String DEFAULT_REFERENCE = "native-epoll-et";
    /** Trials named in the one-line refusal of an invalid run; the rest are counted. */
    private static final int MAX_NAMED = 5;

    /**
     * referenceImpl null means absolute comparison; allowEnvMismatch compares runs whose JDK, threads
     * or pinning differ (refused by default: such a difference moves the figures by itself).
     */
    public record Options(double thresholdFraction, String referenceImpl, boolean allowEnvMismatch) {
        public Options(double thresholdFraction, String referenceImpl) {
            this(thresholdFraction, referenceImpl, false);
        }

        public boolean relative() {
            return referenceImpl != null;
        }
    }

    public record Row(BenchResult result, Metric metric, Measure baseline, Measure current,
                      double change, Verdict verdict, boolean clientBound) {
    }

    /**
     * @param atLimit results that reached a limit in either run: an outcome without a figure to judge
     */
    public record Outcome(List<Row> rows, int onlyInBaseline, int onlyInCurrent, int withoutReference, int atLimit) {
        public List<Row> regressions() {
            return rows.stream().filter(r -> r.verdict == Verdict.REGRESSION).toList();
        }
    }

    static final String RSS_PER_CONNECTION = Metric.MEMORY_PER_CONNECTION;
    /** RSS per connection is gated only from this many connections on (issue 10). */
    static final long MIN_CONNECTIONS_FOR_MEMORY = 1_000;
    /** What must match between two runs for their figures to be comparable at all. */
    static final List<String> SAME_ENVIRONMENT = List.of("jdk.feature", "server.threads", "driver.threads", "pinned");

    private Compare() {
    }

    public static Outcome compare(RunDir baseline, RunDir current, Options options) throws ResultsException {
        checkUsable(baseline, current, options);
        Map<String, BenchResult> baseByKey = byKey(baseline.results());
        Map<String, BenchResult> currentByKey = byKey(current.results());
        List<Row> rows = new ArrayList<>();
        int withoutReference = 0;
        int atLimit = 0;
        int common = 0;
        for (BenchResult base : SummaryCsv.sorted(baseline.results())) {
            BenchResult now = currentByKey.get(base.key());
            if (now == null) {
                continue;
            }
            common++;
            if (base.reachedLimit() || now.reachedLimit()) {
                atLimit++;
                continue;
            }
            if (options.relative()) {
                if (base.impl().equals(options.referenceImpl)) {
                    continue; // its ratio to itself is 1 by definition
                }
                BenchResult baseRef = baseByKey.get(base.keyWithImpl(options.referenceImpl));
                BenchResult nowRef = currentByKey.get(now.keyWithImpl(options.referenceImpl));
                if (baseRef == null || nowRef == null) {
                    withoutReference++;
                    continue;
                }
                addRows(rows, base, now, name -> ratio(base, baseRef, name), name -> ratio(now, nowRef, name), options);
            } else {
                addRows(rows, base, now, base::metric, now::metric, options);
            }
        }
        if (common == 0) {
            throw new ResultsException("nothing in common: no benchmark x params appears in both "
                    + baseline.name() + " and " + current.name());
        }
        long onlyInBaseline = baseByKey.keySet().stream().filter(k -> !currentByKey.containsKey(k)).count();
        long onlyInCurrent = currentByKey.keySet().stream().filter(k -> !baseByKey.containsKey(k)).count();
        return new Outcome(rows, (int) onlyInBaseline, (int) onlyInCurrent, withoutReference, atLimit);
    }

    private static void addRows(List<Row> rows, BenchResult base, BenchResult now,
                                Function<String, Optional<Measure>> baseFigure,
                                Function<String, Optional<Measure>> nowFigure, Options options) {
        for (Metric metric : Metric.gatedMetrics()) {
            if (metric.name().equals(RSS_PER_CONNECTION) && base.longParam("connections") < MIN_CONNECTIONS_FOR_MEMORY) {
                continue; // below this, RSS per connection is the heap's growth divided by few connections
            }
            Optional<Measure> b = baseFigure.apply(metric.name());
            Optional<Measure> c = nowFigure.apply(metric.name());
            if (b.isEmpty() || c.isEmpty()) {
                continue; // not measured in one of the runs: nothing to judge
            }
            double change = (c.get().score() - b.get().score()) / Math.abs(b.get().score());
            rows.add(new Row(base, metric, b.get(), c.get(), change,
                    judge(metric, b.get(), c.get(), options.thresholdFraction),
                    base.clientBound() || now.clientBound()));
        }
    }

    private static Optional<Measure> ratio(BenchResult result, BenchResult reference, String metric) {
        Optional<Measure> value = result.metric(metric);
        Optional<Measure> divisor = reference.metric(metric);
        if (value.isEmpty() || divisor.isEmpty() || divisor.get().score() == 0) {
            return Optional.empty();
        }
        return Optional.of(value.get().dividedBy(divisor.get()));
    }

    public static Verdict judge(Metric metric, Measure baseline, Measure current, double thresholdFraction) {
        double change = (current.score() - baseline.score()) / Math.abs(baseline.score());
        if (!Double.isFinite(change) || metric.direction() == Metric.Direction.NEITHER) {
            return Verdict.NOT_COMPARABLE;
        }
        double worse = metric.direction() == Metric.Direction.BIGGER_IS_BETTER ? -change : change;
        if (Math.abs(change) <= thresholdFraction) {
            return Verdict.OK;
        }
        boolean known = baseline.hasInterval() && current.hasInterval();
        if (worse > 0) {
            if (!known) {
                return Verdict.NO_INTERVAL;
            }
            return baseline.overlaps(current) ? Verdict.NOISE : Verdict.REGRESSION;
        }
        return known && !baseline.overlaps(current) ? Verdict.IMPROVED : Verdict.NOISE;
    }

    /** Unusable input is refused (exit 2) rather than judged: a gate on bad data cries wolf or sleeps. */
    private static void checkUsable(RunDir baseline, RunDir current, Options options) throws ResultsException {
        // first, because it is the reason that matters: a run that cannot be trusted names its trials
        for (RunDir run : List.of(baseline, current)) {
            run.requireUnprofiled();
            RunValidity validity = run.validity();
            if (!validity.valid()) {
                List<String> reasons = new ArrayList<>(validity.incomplete());
                reasons.addAll(validity.invalid());
                throw new ResultsException(run.name() + " is " + validity.outcome() + " (see its summary.md): "
                        + String.join("; ", reasons.subList(0, Math.min(MAX_NAMED, reasons.size())))
                        + (reasons.size() > MAX_NAMED ? "; and " + (reasons.size() - MAX_NAMED) + " more" : ""));
            }
        }
        String basePreset = baseline.env("preset");
        String currentPreset = current.env("preset");
        if (!basePreset.isEmpty() && !currentPreset.isEmpty() && !basePreset.equals(currentPreset)) {
            throw new ResultsException("different presets: baseline " + baseline.name() + " is '" + basePreset
                    + "', current " + current.name() + " is '" + currentPreset + "'");
        }
        if (!options.allowEnvMismatch()) {
            for (String what : SAME_ENVIRONMENT) {
                String base = environment(baseline, what);
                String now = environment(current, what);
                if (!base.equals(now)) {
                    throw new ResultsException("the runs differ in " + what + " (baseline " + baseline.name() + ": '" + base
                            + "', current " + current.name() + ": '" + now + "'), which moves the figures by itself;"
                            + " re-record the baseline alike, or pass --allow-env-mismatch to compare anyway");
                }
            }
        }
        for (RunDir run : List.of(baseline, current)) {
            if (run.results().isEmpty()) {
                throw new ResultsException(run.name() + " has no results");
            }
            if (options.relative() && run.results().stream().noneMatch(r -> r.impl().equals(options.referenceImpl))) {
                throw new ResultsException("reference impl " + options.referenceImpl + " is not in " + run.name()
                        + "; choose another with --relative-to <impl> or use --absolute");
            }
        }
    }

    /** One of {@link #SAME_ENVIRONMENT} as the run recorded it ("" when the run predates the record). */
    static String environment(RunDir run, String what) {
        return switch (what) {
            case "jdk.feature" -> run.env("jdk.version").replaceFirst("^(\\d+).*", "$1");
            case "pinned" -> run.env("pin.driver.cpus").isEmpty() ? "" : Boolean.toString(!run.env("pin.driver.cpus").equals("unpinned"));
            default -> run.env(what);
        };
    }

    private static Map<String, BenchResult> byKey(List<BenchResult> results) {
        return results.stream().collect(Collectors.toMap(BenchResult::key, Function.identity(),
                (first, second) -> Objects.requireNonNullElse(first, second)));
    }
}
